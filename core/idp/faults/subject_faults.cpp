// Subject faults: what the assertion says about who signed in — no NameID or
// an empty one, no bearer SubjectConfirmation, no AuthnStatement, an
// attribute sent twice — and the two edge twins of comment and CDATA
// injection, where the signature still verifies and a strict SP must read the
// NameID as its full text. Value faults keep the input's signing and
// encryption; the injections are made in the clear on a signed assertion.
#include "idp/faults/fault_groups.h"
#include "idp/faults/fault_tools.h"
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "xml/xml_document.h"

namespace jh::idp::faults {
namespace {

using namespace sp::check;

template <typename Edit> std::function<Result<QByteArray>(const FaultInput&)> editTree(Edit edit)
{
    return [edit](const FaultInput& in) {
        Recipe r = inputRecipe(in);
        r.beforeSigning = [edit](saml::ResponseDocument& rd) -> Result<void> {
            edit(rd);
            return {};
        };
        return render(in, in.spec, r);
    };
}

// The attacker's own account is "<victim>.evil.example" (a mailbox at a
// domain the attacker owns); the IdP signs that, and the attacker splits the
// text after the victim's part. exc-c14n drops comments and merges CDATA,
// so the signature still verifies; an SP that reads only the first text node
// logs the attacker in as the victim.
QString attackerAccount(const saml::AssertionSpec& spec)
{
    return spec.subject.nameId + QLatin1Char('.') + QLatin1String(kEvilHost);
}

Result<QByteArray> splitNameId(const FaultInput& in, bool cdata)
{
    saml::AssertionSpec s = in.spec;
    s.subject.nameId = attackerAccount(in.spec);
    const QByteArray victim = in.spec.subject.nameId.toUtf8();
    const QByteArray rest = (QLatin1Char('.') + QLatin1String(kEvilHost)).toUtf8();
    Recipe r;
    r.sign = SignMode::Assertion;
    r.afterSigning = [victim, rest, cdata](saml::ResponseDocument& rd) -> Result<void> {
        xmlNode* nameId = nameIdOf(rd.assertion);
        xmlNodeSetContent(nameId, nullptr);
        xmlAddChild(nameId, xmlNewDocText(rd.doc.get(), xml::xc(victim.constData())));
        if (cdata) {
            xmlAddChild(nameId, xmlNewCDataBlock(rd.doc.get(), xml::xc(rest.constData()),
                                                 static_cast<int>(rest.size())));
        } else {
            xmlAddChild(nameId, xmlNewDocComment(rd.doc.get(), xml::xc("")));
            xmlAddChild(nameId, xmlNewDocText(rd.doc.get(), xml::xc(rest.constData())));
        }
        return {};
    };
    return render(in, s, r);
}

} // namespace

QList<Fault> subjectFaults()
{
    const QString duo = QStringLiteral(
        "Duo Labs 2018, CERT VU#475445: CVE-2017-11427 (python-saml), CVE-2017-11428 "
        "(ruby-saml), CVE-2017-11429 (clever/saml2), CVE-2017-11430 (OmniAuth-SAML)");
    FaultList list(QStringLiteral("subject"));
    list.add("missing-nameid", kNameIdPresent, QStringLiteral("Subject without a NameID."),
             QStringLiteral("SAML Core 2.4.1; SAML Profiles 4.1.4.2 (the Subject of a bearer "
                            "assertion identifies the principal)"),
             editTree([](saml::ResponseDocument& rd) { removeNode(nameIdOf(rd.assertion)); }));
    list.add("empty-nameid", kNameIdPresent,
             QStringLiteral("NameID present but empty: a blank user name."),
             QStringLiteral("SAML Core 1.3.1 (a string has at least one non-whitespace "
                            "character); SAML Core 2.2.3"),
             editSpec([](saml::AssertionSpec& s) { s.subject.nameId = QStringLiteral(""); }));
    list.add("missing-subject-confirmation", kBearer,
             QStringLiteral("No SubjectConfirmation: nothing binds the assertion to this request "
                            "and ACS."),
             QStringLiteral("SAML Profiles 4.1.4.2 (at least one bearer SubjectConfirmation)"),
             editSpec([](saml::AssertionSpec& s) { s.confirmation.present = false; }));
    list.add("sender-vouches-confirmation", kBearer,
             QStringLiteral("The only SubjectConfirmation is sender-vouches, not bearer."),
             QStringLiteral("SAML Profiles 4.1.4.2 (Web SSO needs a bearer "
                            "SubjectConfirmation)"),
             editTree([](saml::ResponseDocument& rd) {
                 xmlNode* subject = xml::firstChild(rd.assertion, saml::kNsAssertion, "Subject");
                 setAttribute(xml::firstChild(subject, saml::kNsAssertion, "SubjectConfirmation"),
                              "Method",
                              QStringLiteral("urn:oasis:names:tc:SAML:2.0:cm:sender-vouches"));
             }));
    list.add("missing-authn-statement", kAuthnStatement,
             QStringLiteral("No AuthnStatement: the assertion does not say the user "
                            "authenticated."),
             QStringLiteral("SAML Profiles 4.1.4.2 (at least one AuthnStatement)"),
             editSpec([](saml::AssertionSpec& s) { s.authn.present = false; }));
    list.add("duplicate-attribute", kAttributeDuplicates,
             QStringLiteral("The same attribute (name and NameFormat) twice, the second with the "
                            "attacker's value: which one wins is up to the SP."),
             QStringLiteral("SAML Core 2.7.3.1 (an Attribute carries all its values)"),
             editSpec([](saml::AssertionSpec& s) {
                 saml::Attribute second =
                     s.attributes.isEmpty()
                         ? saml::Attribute{QStringLiteral("email"), {}, {}, {}, {}}
                         : s.attributes.first();
                 if (s.attributes.isEmpty())
                     s.attributes.append(second);
                 second.values = {evilNameId(s)};
                 s.attributes.append(second);
             }));
    for (const bool cdata : {false, true}) {
        Fault& f = list.add(
            cdata ? "cdata-in-nameid" : "comment-in-nameid", nullptr,
            cdata ? QStringLiteral("Edge twin: as comment-in-nameid, with the attacker's suffix in "
                                   "a CDATA section; the SP must read the full text.")
                  : QStringLiteral("Edge twin: the signed NameID \"<victim>.evil.example\" split "
                                   "by a comment after the victim's part. The signature still "
                                   "verifies; a strict SP reads the full text and logs in "
                                   "\"<victim>.evil.example\", never the victim."),
            duo, [cdata](const FaultInput& in) { return splitNameId(in, cdata); });
        f.signMode = SignMode::Assertion;
        f.encrypted = false;
        f.acceptedNameId = attackerAccount;
    }
    return list.take();
}

} // namespace jh::idp::faults
