#include "support/saml_fixtures.h"

#include "saml/saml_names.h"
#include "support/fixtures.h"

namespace jh::test {

saml::AssertionSpec sampleSpec()
{
    const QDateTime now = fixedNow();
    saml::AssertionSpec s;
    s.responseId = QStringLiteral("_resp0001");
    s.assertionId = QStringLiteral("_assert0001");
    s.issueInstant = now;
    s.issuer = QStringLiteral("https://idp.example.test/saml");
    s.destination = QStringLiteral("https://sp.example.test/acs");
    s.inResponseTo = QStringLiteral("_req42");
    s.subject = {QStringLiteral("alice@contoso.example"),
                 QString::fromLatin1(saml::nameid::kEmail),
                 {},
                 QStringLiteral("https://sp.example.test")};
    s.confirmation = {true, QStringLiteral("https://sp.example.test/acs"), now.addSecs(300),
                      QStringLiteral("_req42")};
    s.conditions = {
        true, now.addSecs(-60), now.addSecs(300), {QStringLiteral("https://sp.example.test")}};
    s.authn = {true, now, QStringLiteral("_sess1"), now.addSecs(8 * 3600),
               QString::fromLatin1(saml::authnctx::kPasswordProtectedTransport)};
    s.attributes = {
        {QStringLiteral("email"),
         QString::fromLatin1(saml::attrname::kBasic),
         {},
         QStringLiteral("xs:string"),
         {QStringLiteral("alice@contoso.example")}},
        {QStringLiteral("groups"),
         QString::fromLatin1(saml::attrname::kBasic),
         {},
         QStringLiteral("xs:string"),
         {QStringLiteral("Engineering"), QStringLiteral("Admins & Ops <core>")}},
        {QStringLiteral("http://schemas.example.com/claims/displayname"),
         {},
         {},
         {},
         {QStringLiteral("Alice Zoë")}},
    };
    return s;
}

} // namespace jh::test
