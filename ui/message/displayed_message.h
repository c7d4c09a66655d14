// What the message view shows, as plain values: a SAML message's exact bytes,
// a title and facts for the header, the subject and attributes it asserts,
// and the findings about it (notes, and checks that passed or failed). The
// IdP fills it from what it issued; the SP side will fill it from what it
// received and its validation report.
#pragma once

#include "saml/assertion_spec.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace jh::ui {

struct Finding
{
    enum class Kind
    {
        Note,
        Pass,
        Fail
    };
    Kind kind = Kind::Note;
    QString text;
    QString detail; // shown as the tool tip
};

struct DisplayedMessage
{
    QString title;     // "SAML Response for Alice Adams, shaped like Microsoft Entra ID"
    QStringList facts; // short "label: value" lines for the header
    QByteArray xml;    // exact bytes
    saml::Subject subject;
    QList<saml::Attribute> attributes;
    QList<Finding> findings;
};

} // namespace jh::ui
