// The assertion spec: everything a SAML Response will say, as plain values,
// before any XML exists. The IdP fills it from a person and a preset (and the
// user's overrides); the response writer turns it into XML unchanged — it
// never "fixes" a value, so deliberately wrong specs produce wrong messages.
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace jh::saml {

struct Attribute
{
    QString name;         // e.g. "email" or
                          // "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
    QString nameFormat;   // attrname-format URI; empty: the attribute carries none
    QString friendlyName; // optional
    QString valueType;    // xsi:type of each value ("xs:string"); empty: no xsi:type
    QStringList values;   // several values = a multi-valued attribute

    bool operator==(const Attribute&) const = default;
};

struct Subject
{
    QString nameId;
    QString format;          // NameID Format; empty: omitted
    QString nameQualifier;   // optional
    QString spNameQualifier; // optional

    bool operator==(const Subject&) const = default;
};

struct BearerConfirmation
{
    bool present = true;
    QString recipient; // the ACS URL
    QDateTime notOnOrAfter;
    QString inResponseTo; // empty for IdP-initiated (unsolicited) login

    bool operator==(const BearerConfirmation&) const = default;
};

struct Conditions
{
    bool present = true;
    QDateTime notBefore;    // invalid: omitted
    QDateTime notOnOrAfter; // invalid: omitted
    QStringList audiences;  // one AudienceRestriction holding each Audience

    bool operator==(const Conditions&) const = default;
};

struct AuthnStatement
{
    bool present = true;
    QDateTime authnInstant;
    QString sessionIndex;
    QDateTime sessionNotOnOrAfter; // invalid: omitted
    QString classRef;              // AuthnContextClassRef

    bool operator==(const AuthnStatement&) const = default;
};

struct AssertionSpec
{
    QString responseId; // must be an NCName: "_" + hex is used
    QString assertionId;
    QDateTime issueInstant;
    QString issuer;       // IdP entityID (Response and Assertion)
    QString destination;  // Response/@Destination; empty: omitted
    QString inResponseTo; // Response/@InResponseTo; empty: omitted
    QString statusCode = QString::fromLatin1("urn:oasis:names:tc:SAML:2.0:status:Success");
    QString statusMessage;
    Subject subject;
    BearerConfirmation confirmation;
    Conditions conditions;
    AuthnStatement authn;
    QList<Attribute> attributes;

    bool operator==(const AssertionSpec&) const = default;
};

} // namespace jh::saml
