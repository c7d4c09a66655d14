// resp.*, assert.*, cond.*, subj.*, authn.*, nameid.*, attr.*, replay: the
// values that make a login, read only from the verified assertion (and the
// Response envelope around it), each compared with what this SP expects.
#include "saml/assertion_reader.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "sp/replay_cache.h"
#include "sp/rules.h"
#include "xmlsec/xml_decryptor.h"

namespace jh::sp {
namespace {

using namespace check;
using xml::attribute;
using xml::firstChild;

// A timestamp attribute: absent (null), or parsed; `error` says why not.
struct Instant
{
    QDateTime value;
    QString text;
    QString error;
};

Instant readInstant(const ValidationState& s, const xmlNode* node, const char* name)
{
    Instant i;
    i.text = attribute(node, name);
    if (i.text.isNull())
        return i;
    i.value = parseIsoInstant(i.text);
    if (!i.value.isValid())
        i.error = QStringLiteral("'%1' is not an xs:dateTime").arg(i.text);
    else if (!i.text.endsWith(QLatin1Char('Z')) && !s.config.relaxed(Relaxation::TimeOffset))
        i.error = QStringLiteral("'%1' is not UTC with a Z (SAML Core 1.3.3; --allow time-offset)")
                      .arg(i.text);
    return i;
}

QString at(const QDateTime& t)
{
    return formatSamlInstant(t);
}

void checkIssuer(ValidationState& s, const char* id, const xmlNode* owner, bool required)
{
    const xmlNode* issuer = firstChild(owner, saml::kNsAssertion, "Issuer");
    const QString expected = s.config.idp.entityId;
    if (!issuer) {
        if (required)
            s.fail(id, expected, QStringLiteral("(no Issuer)"), owner);
        else
            s.pass(id, QStringLiteral("(no Issuer: optional on the Response)"), owner);
        return;
    }
    const QString value = xml::textContent(issuer).trimmed();
    const QString format = attribute(issuer, "Format");
    if (!format.isEmpty() && format != QLatin1String(saml::nameid::kEntity))
        s.fail(id, QStringLiteral("Format absent or entity"), format, issuer);
    else if (value != expected &&
             !(qstrcmp(id, kResponseIssuer) == 0 && s.config.relaxed(Relaxation::IssuerMismatch)))
        s.fail(id, expected, value, issuer);
    else
        s.pass(id, value, issuer);
}

void checkInResponseTo(ValidationState& s, const char* id, const xmlNode* node,
                       const QString& value)
{
    // With no request outstanding there is nothing to compare with; whether
    // an unsolicited response is welcome at all is resp.unsolicited's call.
    if (s.expectedInResponseTo.isEmpty()) {
        s.skip(id, value.isEmpty()
                       ? QStringLiteral("no AuthnRequest outstanding")
                       : QStringLiteral("no AuthnRequest outstanding; InResponseTo %1 not compared")
                             .arg(value));
        return;
    }
    if (value != s.expectedInResponseTo)
        s.fail(id, s.expectedInResponseTo, value.isEmpty() ? QStringLiteral("(absent)") : value,
               node);
    else
        s.pass(id, value, node);
}

void checkConditions(ValidationState& s, const xmlNode* a)
{
    const xmlNode* c = firstChild(a, saml::kNsAssertion, "Conditions");
    const qint64 skew = s.config.clockSkewSeconds;
    const Instant nb = readInstant(s, c, "NotBefore");
    const Instant na = readInstant(s, c, "NotOnOrAfter");
    if (!nb.error.isEmpty())
        s.fail(kTimeNotBefore, QStringLiteral("a UTC xs:dateTime"), nb.text, c, nb.error);
    else if (nb.value.isValid() && s.now.addSecs(skew) < nb.value)
        s.fail(kTimeNotBefore, QStringLiteral("now + %1 s skew >= %2").arg(skew).arg(nb.text),
               at(s.now), c, QStringLiteral("not yet valid"));
    else
        s.pass(kTimeNotBefore, nb.text.isNull() ? QStringLiteral("(no NotBefore)") : nb.text, c);
    // NotOnOrAfter is exclusive: at exactly NotOnOrAfter + skew it has expired.
    if (!na.error.isEmpty())
        s.fail(kTimeNotOnOrAfter, QStringLiteral("a UTC xs:dateTime"), na.text, c, na.error);
    else if (na.value.isValid() && s.now.addSecs(-skew) >= na.value)
        s.fail(kTimeNotOnOrAfter, QStringLiteral("now - %1 s skew < %2").arg(skew).arg(na.text),
               at(s.now), c, QStringLiteral("expired"));
    else
        s.pass(kTimeNotOnOrAfter, na.text.isNull() ? QStringLiteral("(no NotOnOrAfter)") : na.text,
               c);

    QStringList audiences;
    bool restricted = false;
    for (const xmlNode* r : saml::children(c, saml::kNsAssertion, "AudienceRestriction")) {
        restricted = true;
        QStringList inThis;
        for (const xmlNode* au : saml::children(r, saml::kNsAssertion, "Audience"))
            inThis << xml::textContent(au).trimmed();
        audiences << inThis;
        // Each restriction must admit us (SAML Core 2.5.1.4: all must be satisfied).
        if (!inThis.contains(s.config.entityId)) {
            s.fail(kAudience, s.config.entityId, inThis.join(QStringLiteral(", ")), r);
            return;
        }
    }
    if (!restricted && !s.config.relaxed(Relaxation::NoAudience))
        s.fail(kAudience, s.config.entityId, QStringLiteral("(no AudienceRestriction)"), c ? c : a,
               QStringLiteral("allow it with --allow no-audience"));
    else
        s.pass(kAudience,
               restricted ? audiences.join(QStringLiteral(", "))
                          : QStringLiteral("(none; relaxed)"),
               c);
}

void checkBearer(ValidationState& s, const xmlNode* a)
{
    const xmlNode* subject = firstChild(a, saml::kNsAssertion, "Subject");
    const xmlNode* data = nullptr;
    bool bearer = false;
    for (const xmlNode* sc : saml::children(subject, saml::kNsAssertion, "SubjectConfirmation")) {
        if (attribute(sc, "Method") == QLatin1String(saml::kBearer)) {
            bearer = true;
            data = firstChild(sc, saml::kNsAssertion, "SubjectConfirmationData");
            break;
        }
    }
    if (!bearer) {
        s.fail(kBearer, QString::fromLatin1(saml::kBearer),
               QStringLiteral("(no bearer SubjectConfirmation)"), subject ? subject : a);
        for (const char* id : {kRecipient, kConfirmationExpiry, kConfirmationInResponseTo})
            s.skip(id, QStringLiteral("no bearer SubjectConfirmation"));
        return;
    }
    s.pass(kBearer, {}, data);

    const QString recipient = attribute(data, "Recipient");
    if (s.config.relaxed(Relaxation::RecipientMismatch))
        s.skip(kRecipient, QStringLiteral("relaxed: recipient-mismatch"));
    else if (recipient.isNull() && s.config.relaxed(Relaxation::NoRecipient))
        s.pass(kRecipient, QStringLiteral("(no Recipient; relaxed)"), data);
    else if (!s.config.acsUrls.contains(recipient))
        s.fail(kRecipient, s.config.acsUrls.join(QStringLiteral(" or ")),
               recipient.isNull() ? QStringLiteral("(absent)") : recipient, data);
    else
        s.pass(kRecipient, recipient, data);

    const Instant na = readInstant(s, data, "NotOnOrAfter");
    const Instant nb = readInstant(s, data, "NotBefore");
    const qint64 skew = s.config.clockSkewSeconds;
    if (!nb.error.isEmpty())
        s.fail(kConfirmationExpiry, QStringLiteral("a UTC xs:dateTime"), nb.text, data, nb.error);
    else if (nb.value.isValid() && s.now.addSecs(skew) < nb.value)
        s.fail(kConfirmationExpiry,
               QStringLiteral("now + %1 s skew >= NotBefore %2").arg(skew).arg(nb.text), at(s.now),
               data, QStringLiteral("the confirmation is not yet valid"));
    else if (!na.error.isEmpty())
        s.fail(kConfirmationExpiry, QStringLiteral("a UTC xs:dateTime"), na.text, data, na.error);
    else if (!na.value.isValid() && !s.config.relaxed(Relaxation::NoConfirmationExpiry))
        s.fail(kConfirmationExpiry, QStringLiteral("a NotOnOrAfter"), QStringLiteral("(absent)"),
               data, QStringLiteral("allow it with --allow no-scd-notonorafter"));
    else if (na.value.isValid() && s.now.addSecs(-skew) >= na.value)
        s.fail(kConfirmationExpiry, QStringLiteral("now - %1 s skew < %2").arg(skew).arg(na.text),
               at(s.now), data, QStringLiteral("expired"));
    else
        s.pass(kConfirmationExpiry,
               na.text.isNull() ? QStringLiteral("(absent; relaxed)") : na.text, data);

    // The Response's InResponseTo is always compared (resp.in-response-to);
    // the confirmation's, when present, must agree with it.
    const QString confirmationIrt = attribute(data, "InResponseTo");
    if (confirmationIrt.isNull() && !s.expectedInResponseTo.isEmpty())
        s.pass(kConfirmationInResponseTo,
               QStringLiteral("(absent; the Response's InResponseTo is compared)"), data);
    else
        checkInResponseTo(s, kConfirmationInResponseTo, data, confirmationIrt);
}

const xmlNode* decryptNameId(ValidationState& s, const xmlNode* encryptedId)
{
    const xmlNode* data = firstChild(encryptedId, saml::kNsXenc, "EncryptedData");
    if (!data || !s.config.decryptionKey)
        return nullptr;
    xml::DocPtr own(xmlNewDoc(xml::xc("1.0")));
    xmlNode* copy = xmlDocCopyNode(const_cast<xmlNode*>(data), own.get(), 1);
    xmlDocSetRootElement(own.get(), copy);
    auto decrypted =
        xmlsec::decryptElement(own.get(), copy, *s.config.decryptionKey, decryptPolicy(s.config));
    if (!decrypted || !xml::isElement(*decrypted, saml::kNsAssertion, "NameID"))
        return nullptr;
    s.decryptedNameIdDoc = std::move(own);
    return *decrypted;
}

void checkSubjectAndStatements(ValidationState& s, const xmlNode* a)
{
    const xmlNode* authn = firstChild(a, saml::kNsAssertion, "AuthnStatement");
    if (!authn)
        s.fail(kAuthnStatement, QStringLiteral("an AuthnStatement"), QStringLiteral("(none)"), a);
    else
        s.pass(kAuthnStatement, attribute(authn, "AuthnInstant"), authn);

    const xmlNode* subject = firstChild(a, saml::kNsAssertion, "Subject");
    const xmlNode* nameId = firstChild(subject, saml::kNsAssertion, "NameID");
    // An EncryptedID is decrypted (SP key, same algorithm policy) into a
    // document of its own, and its NameID read from there.
    if (!nameId)
        if (const xmlNode* encrypted = firstChild(subject, saml::kNsAssertion, "EncryptedID"))
            nameId = decryptNameId(s, encrypted);
    s.nameId = nameId;
    // The full text content: a comment splitting the value must not truncate it.
    const QString value = nameId ? xml::textContent(nameId).trimmed() : QString();
    if (value.isEmpty())
        s.fail(kNameIdPresent, QStringLiteral("a non-empty NameID"),
               nameId ? QStringLiteral("(empty)") : QStringLiteral("(none)"), nameId ? nameId : a);
    else
        s.pass(kNameIdPresent, value, nameId);

    const QString format = attribute(nameId, "Format");
    const QString spQualifier = attribute(nameId, "SPNameQualifier");
    if (!spQualifier.isEmpty() && spQualifier != s.config.entityId)
        s.fail(kNameIdFormat, QStringLiteral("SPNameQualifier absent or %1").arg(s.config.entityId),
               spQualifier, nameId, QStringLiteral("the identifier was issued for another SP"));
    else if (!s.config.nameIdFormats.isEmpty() && !s.config.nameIdFormats.contains(format))
        s.fail(kNameIdFormat, s.config.nameIdFormats.join(QStringLiteral(" or ")),
               format.isEmpty() ? QStringLiteral("(none)") : format, nameId);
    else
        s.pass(kNameIdFormat, format, nameId);

    QSet<QString> names;
    for (const xmlNode* st : saml::children(a, saml::kNsAssertion, "AttributeStatement")) {
        for (const xmlNode* at : saml::children(st, saml::kNsAssertion, "Attribute")) {
            const QString key =
                attribute(at, "Name") + QLatin1Char('\n') + attribute(at, "NameFormat");
            if (names.contains(key)) {
                s.fail(kAttributeDuplicates, QStringLiteral("each attribute once"),
                       attribute(at, "Name"), at);
                return;
            }
            names.insert(key);
        }
    }
    s.pass(kAttributeDuplicates, QStringLiteral("%1 attributes").arg(names.size()));
}

} // namespace

void checkResponseEnvelope(ValidationState& s)
{
    checkIssuer(s, kResponseIssuer, s.response, false);

    const xmlNode* code = firstChild(firstChild(s.response, saml::kNsProtocol, "Status"),
                                     saml::kNsProtocol, "StatusCode");
    const QString status = attribute(code, "Value");
    if (status != QLatin1String(saml::status::kSuccess))
        s.fail(kResponseStatus, QString::fromLatin1(saml::status::kSuccess),
               status.isEmpty() ? QStringLiteral("(no Status)") : status, code ? code : s.response);
    else
        s.pass(kResponseStatus, status, code);

    // A message minted long ago (or far in the future) is stale or forged,
    // whatever its conditions say.
    const Instant issued = readInstant(s, s.response, "IssueInstant");
    if (!issued.error.isEmpty() || issued.text.isNull())
        s.fail(kResponseIssueInstant, QStringLiteral("a UTC xs:dateTime"),
               issued.text.isNull() ? QStringLiteral("(absent)") : issued.text, s.response,
               issued.error);
    else if (qAbs(issued.value.secsTo(s.now)) > 86400 &&
             !s.config.relaxed(Relaxation::IssueInstantSkew))
        s.fail(kResponseIssueInstant, QStringLiteral("within a day of %1").arg(at(s.now)),
               issued.text, s.response, QStringLiteral("allow it with --allow issueinstant-skew"));
    else
        s.pass(kResponseIssueInstant, issued.text, s.response);

    const QString destination = attribute(s.response, "Destination");
    const bool signedResponse = firstChild(s.response, saml::kNsDsig, "Signature") != nullptr;
    if (destination.isNull() && !signedResponse)
        s.pass(kResponseDestination, QStringLiteral("(absent; allowed on an unsigned Response)"),
               s.response);
    else if (!s.config.acsUrls.contains(destination))
        s.fail(kResponseDestination, s.config.acsUrls.join(QStringLiteral(" or ")),
               destination.isNull() ? QStringLiteral("(absent on a signed Response)") : destination,
               s.response);
    else
        s.pass(kResponseDestination, destination, s.response);

    checkInResponseTo(s, kResponseInResponseTo, s.response, attribute(s.response, "InResponseTo"));
    if (!s.expectedInResponseTo.isEmpty())
        s.skip(kUnsolicited, QStringLiteral("an AuthnRequest is outstanding"));
    else if (s.config.relaxed(Relaxation::Unsolicited))
        s.pass(kUnsolicited, QStringLiteral("IdP-initiated; relaxed"));
    else
        s.fail(kUnsolicited, QStringLiteral("a response to an AuthnRequest of ours"),
               QStringLiteral("unsolicited (IdP-initiated)"), s.response,
               QStringLiteral("pass --in-response-to ID, or allow it with --allow unsolicited"));
}

void checkAssertion(ValidationState& s)
{
    const char* later[] = {
        kAssertionIssuer, kTimeNotBefore, kTimeNotOnOrAfter,   kAudience,
        kBearer,          kRecipient,     kConfirmationExpiry, kConfirmationInResponseTo,
        kAuthnStatement,  kNameIdPresent, kNameIdFormat,       kAttributeDuplicates,
        kReplay};
    if (!s.assertionVerified) {
        for (const char* id : later)
            s.skip(id, QStringLiteral("the assertion is not verified: nothing in it is read"));
        return;
    }
    const xmlNode* a = s.assertion;
    checkIssuer(s, kAssertionIssuer, a, true);
    checkConditions(s, a);
    checkBearer(s, a);
    checkSubjectAndStatements(s, a);

    const QString assertionId = attribute(a, "ID");
    if (s.replay.contains(s.config.idp.entityId, assertionId, s.now))
        s.fail(kReplay, QStringLiteral("an assertion not seen before"),
               QStringLiteral("ID %1 already accepted").arg(assertionId), a);
    else if (s.usedElsewhere && s.usedElsewhere(s.config.idp.entityId, assertionId))
        s.fail(kReplay, QStringLiteral("an assertion not seen before"),
               QStringLiteral("ID %1 already used (account store)").arg(assertionId), a);
    else
        s.pass(kReplay, assertionId, a);
}

} // namespace jh::sp
