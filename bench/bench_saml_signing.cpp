#include "bench_saml_signing.h"

#include "common/file_io.h"
#include "crypto/key_pair.h"
#include "idp/directory_file.h"
#include "idp/issuer.h"

#include <QTextStream>
#include <memory>

namespace jh::bench {
namespace {

// Everything one issuing measure keeps alive between operations.
struct IssuingFixture
{
    idp::Directory directory;
    idp::PresetCatalog presets;
    ManualClock clock{QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC)};
    std::unique_ptr<idp::ResponseSigner> signer;
    std::unique_ptr<idp::Issuer> issuer;
    idp::IssueRequest request;
    crypto::KeyPair key;
    saml::AssertionSpec spec; // a typical assertion, built once
    idp::SigningOptions signing;
    QByteArray signedInfoSized; // what the raw reference signs: the size of a c14n SignedInfo
};

Result<crypto::KeyPair> testKey(crypto::KeyType type)
{
    const QString base = QStringLiteral(JH_SOURCE_DIR "/samples/test-keys/TEST-ONLY-idp-%1")
                             .arg(crypto::keyTypeName(type));
    auto key = readFile(base + QStringLiteral(".key.pem"));
    if (!key)
        return key.error();
    auto cert = readFile(base + QStringLiteral(".crt.pem"));
    if (!cert)
        return cert.error();
    return crypto::KeyPair::fromPem(*key, *cert, base);
}

std::shared_ptr<IssuingFixture> makeFixture(crypto::KeyType type, QString& error)
{
    auto f = std::make_shared<IssuingFixture>();
    auto dir = idp::loadDirectory(QStringLiteral(JH_SOURCE_DIR "/samples/directory.yaml"));
    auto presets = idp::PresetCatalog::builtIn();
    auto key = testKey(type);
    if (!dir || !presets || !key) {
        error = !dir       ? dir.error().message
                : !presets ? presets.error().message
                           : key.error().message;
        return nullptr;
    }
    f->directory = *dir;
    f->presets = *presets;
    f->key = *key;
    const crypto::KeyPair k = *key;
    f->signer = std::make_unique<idp::ResponseSigner>(
        [k](crypto::KeyType) -> Result<crypto::KeyPair> { return k; });
    f->issuer = std::make_unique<idp::Issuer>(f->directory, f->presets, *f->signer, f->clock);
    f->request.personId = QStringLiteral("alice");
    f->request.presetId = QStringLiteral("okta");
    f->request.sp.audience = QStringLiteral("https://sp.jitharness.test/metadata");
    f->request.sp.acsUrl = QStringLiteral("http://127.0.0.1:7001/sp/acs");
    f->request.sign = idp::SignMode::Assertion;
    f->request.key = type;
    f->signedInfoSized = QByteArray(620, 'x');
    auto spec = f->issuer->buildSpec(f->request);
    auto signing = f->issuer->signingFor(f->request);
    if (!spec || !signing) {
        error = !spec ? spec.error().message : signing.error().message;
        return nullptr;
    }
    f->spec = *spec;
    f->signing = *signing;
    return f;
}

} // namespace

bool addSamlSigningMeasures(Runner& runner)
{
    struct Case
    {
        crypto::KeyType type;
        const char* keyName;
        const char* reference;
    };
    const Case cases[] = {
        {crypto::KeyType::Rsa, "rsa2048", "openssl.evp_sign.rsa2048.sha256"},
        {crypto::KeyType::Ec, "ecp256", "openssl.evp_sign.ecp256.sha256"},
    };
    for (const Case& c : cases) {
        QString error;
        auto f = makeFixture(c.type, error);
        if (!f) {
            QTextStream(stderr) << "jitharness-bench: " << error << "\n";
            return false;
        }
        auto reference = [f] {
            return crypto::signRaw(f->key, f->signedInfoSized, "SHA256").ok();
        };
        // Assertion signing: the typical assertion written, signed and
        // serialised (what an IdP does per login once it knows the claims).
        runner.add({QStringLiteral("saml.sign.assertion.") + QLatin1String(c.keyName),
                    QString::fromLatin1(c.reference),
                    [f] { return f->signer->render(f->spec, f->signing).ok(); }, reference});
        // The whole issue: claims shaped from the directory and preset, IDs
        // drawn, then the same signing.
        runner.add({QStringLiteral("saml.issue.assertion.") + QLatin1String(c.keyName),
                    QString::fromLatin1(c.reference),
                    [f] { return f->issuer->issue(f->request).ok(); }, reference});
    }
    return true;
}

} // namespace jh::bench
