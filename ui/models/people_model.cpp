#include "models/people_model.h"

#include <QBrush>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace jh::ui {
namespace {

// Enough to recognise someone's groups; olga's 160 would fill the screen.
constexpr int kGroupsInToolTip = 12;

QString displayNameOf(const idp::Person& p)
{
    return p.displayName.isEmpty() ? p.username : p.displayName;
}

QString statusText(const idp::Person& p)
{
    QString s = idp::personStatusName(p.status);
    if (p.isGuest())
        s += QStringLiteral(", guest");
    return s;
}

} // namespace

PeopleModel::PeopleModel(QObject* parent) : QAbstractTableModel(parent) {}

void PeopleModel::setDirectory(const idp::Directory* directory)
{
    beginResetModel();
    m_directory = directory;
    endResetModel();
}

void PeopleModel::beginDirectoryChange()
{
    beginResetModel();
}

void PeopleModel::endDirectoryChange()
{
    endResetModel();
}

int PeopleModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_directory ? 0 : int(m_directory->people().size());
}

int PeopleModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PeopleModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !m_directory)
        return {};
    const idp::Person& p = m_directory->people().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return displayNameOf(p);
        case UsernameColumn:
            return p.username;
        case DepartmentColumn:
            return p.department;
        case StatusColumn:
            return statusText(p);
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(p);
    case Qt::ForegroundRole:
        // Someone who left or is suspended is still issuable (that is the
        // point), but should not look like everyone else.
        if (p.status != idp::PersonStatus::Active)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::FontRole:
        if (p.status == idp::PersonStatus::Left) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case PersonIdRole:
        return p.id;
    case StatusRole:
        return idp::personStatusName(p.status);
    }
    return {};
}

QVariant PeopleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case UsernameColumn:
        return tr("Sign-in name");
    case DepartmentColumn:
        return tr("Department");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

int PeopleModel::rowOf(const QString& personId) const
{
    if (!m_directory)
        return -1;
    const auto& people = m_directory->people();
    for (int i = 0; i < people.size(); ++i)
        if (people.at(i).id == personId)
            return i;
    return -1;
}

QString PeopleModel::personIdAt(int row) const
{
    if (!m_directory || row < 0 || row >= m_directory->people().size())
        return {};
    return m_directory->people().at(row).id;
}

QString PeopleModel::toolTip(const idp::Person& p) const
{
    QStringList lines;
    lines << QStringLiteral("<b>%1</b> (%2)")
                 .arg(displayNameOf(p).toHtmlEscaped(), p.id.toHtmlEscaped());
    if (!p.email.isEmpty())
        lines << tr("E-mail: %1").arg(p.email.toHtmlEscaped());
    if (!p.employeeType.isEmpty())
        lines << tr("Type: %1").arg(p.employeeType.toHtmlEscaped());
    lines << tr("Status: %1").arg(idp::personStatusName(p.status));
    if (p.guest)
        lines << tr("Guest from %1, signs in with %2")
                     .arg(p.guest->homeDomain.toHtmlEscaped(),
                          p.guest->identityProvider.toHtmlEscaped());
    const QList<const idp::Group*> groups = m_directory->groupsOf(p);
    if (groups.isEmpty()) {
        lines << tr("Groups: none");
    } else {
        QStringList names;
        for (const idp::Group* g : groups.mid(0, kGroupsInToolTip))
            names << g->displayName.toHtmlEscaped();
        if (groups.size() > kGroupsInToolTip)
            names << tr("… and %1 more").arg(groups.size() - kGroupsInToolTip);
        lines << tr("Groups (%1): %2").arg(groups.size()).arg(names.join(QStringLiteral(", ")));
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace jh::ui
