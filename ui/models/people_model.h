// The directory's people as a table: one row per person, in directory order.
// The model never owns the directory; its owner announces changes with
// beginDirectoryChange()/endDirectoryChange(), which map onto a model reset.
#pragma once

#include "idp/directory.h"

#include <QAbstractTableModel>

namespace jh::ui {

class PeopleModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        UsernameColumn,
        DepartmentColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role
    {
        PersonIdRole = Qt::UserRole + 1,
        StatusRole
    };

    explicit PeopleModel(QObject* parent = nullptr);

    // nullptr: empty. The directory must outlive the model or be unset first.
    void setDirectory(const idp::Directory* directory);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The row of the person with this id, or -1.
    int rowOf(const QString& personId) const;
    QString personIdAt(int row) const;

public Q_SLOTS:
    void beginDirectoryChange();
    void endDirectoryChange();

private:
    QString toolTip(const idp::Person& p) const;

    const idp::Directory* m_directory = nullptr;
};

} // namespace jh::ui
