#include "bench_login.h"

#include "bench_threads.h"
#include "common/file_io.h"
#include "crypto/openssl_handles.h"
#include "idp/directory_file.h"
#include "pipeline/login_pipeline.h"

#include <QTemporaryDir>
#include <QTextStream>
#include <memory>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace jh::bench {
namespace {

const char kKeyBase[] = JH_SOURCE_DIR "/samples/test-keys/TEST-ONLY-idp-rsa";
const char kRequestId[] = "_bench-login-request";

QDateTime loginInstant()
{
    return QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
}

// One thread's whole world: IdP, SP, its own connection to the store file.
class LoginLane
{
public:
    static Result<std::shared_ptr<LoginLane>> make(const QString& storePath);

    bool login();         // the subject: one person signs in, end to end
    bool signAndVerify(); // the reference: raw RSA-2048 sign + verify

private:
    LoginLane(idp::Directory directory, idp::PresetCatalog presets, crypto::KeyPair key,
              jit::AccountStore store, jit::JitSettings settings);

    ManualClock m_clock{loginInstant()};
    idp::Directory m_directory;
    idp::PresetCatalog m_presets;
    crypto::KeyPair m_key;
    idp::ResponseSigner m_signer;
    idp::Issuer m_issuer;
    sp::SpConfig m_sp;
    jit::AccountStore m_store;
    jit::JitSettings m_settings;
    std::unique_ptr<pipeline::LoginPipeline> m_pipeline;
    QStringList m_people;
    qsizetype m_next = 0;
    QByteArray m_data = QByteArray(1000, 'x'); // about the size of a SignedInfo digest input
};

LoginLane::LoginLane(idp::Directory directory, idp::PresetCatalog presets, crypto::KeyPair key,
                     jit::AccountStore store, jit::JitSettings settings)
    : m_directory(std::move(directory)), m_presets(std::move(presets)), m_key(std::move(key)),
      m_signer([k = m_key](crypto::KeyType) -> Result<crypto::KeyPair> { return k; }),
      m_issuer(m_directory, m_presets, m_signer, m_clock), m_store(std::move(store)),
      m_settings(std::move(settings))
{}

Result<std::shared_ptr<LoginLane>> LoginLane::make(const QString& storePath)
{
    auto keyPem = readFile(QString::fromUtf8(kKeyBase) + QStringLiteral(".key.pem"));
    auto certPem = readFile(QString::fromUtf8(kKeyBase) + QStringLiteral(".crt.pem"));
    if (!keyPem || !certPem)
        return !keyPem ? keyPem.error() : certPem.error();
    auto key = crypto::KeyPair::fromPem(*keyPem, *certPem, QString::fromUtf8(kKeyBase));
    auto directory = idp::loadDirectory(QStringLiteral(JH_SOURCE_DIR "/samples/directory.yaml"));
    auto presets = idp::PresetCatalog::builtIn();
    auto settings = jit::loadJitSettings(QStringLiteral(JH_SOURCE_DIR "/samples/jit-policy.yaml"));
    auto store = jit::AccountStore::open(storePath);
    if (!key || !directory || !presets || !settings || !store)
        return !key         ? key.error()
               : !directory ? directory.error()
               : !presets   ? presets.error()
               : !settings  ? settings.error()
                            : store.error();
    std::shared_ptr<LoginLane> lane(new LoginLane(std::move(*directory), std::move(*presets), *key,
                                                  std::move(*store), std::move(*settings)));
    lane->m_sp.entityId = QStringLiteral("https://sp.jitharness.test/metadata");
    lane->m_sp.acsUrls = {QStringLiteral("http://127.0.0.1:7001/sp/acs")};
    lane->m_sp.idp.signingCertificates = {
        std::shared_ptr<X509>(X509_dup(lane->m_key.certificate()), X509_free)};
    for (const idp::Person& p : lane->m_directory.people())
        lane->m_people << p.id;
    idp::IssueRequest probe;
    probe.personId = lane->m_people.value(0);
    probe.presetId = QStringLiteral("okta");
    probe.sp.audience = lane->m_sp.entityId;
    probe.sp.acsUrl = lane->m_sp.acsUrls.first();
    auto spec = lane->m_issuer.buildSpec(probe);
    if (!spec)
        return spec.error();
    lane->m_sp.idp.entityId = spec->issuer;
    lane->m_pipeline = std::make_unique<pipeline::LoginPipeline>(
        lane->m_presets, lane->m_sp, lane->m_store, lane->m_settings, lane->m_clock);
    // Every person signs in once: the measure is of the steady state, where
    // a login finds its account (as almost all logins do).
    for (qsizetype i = 0; i < lane->m_people.size(); ++i)
        if (!lane->login())
            return makeError("bench.setup", QStringLiteral("the first login of %1 is not "
                                                           "provisioned")
                                                .arg(lane->m_people[i]));
    return lane;
}

bool LoginLane::login()
{
    idp::IssueRequest r;
    r.personId = m_people[m_next];
    m_next = (m_next + 1) % m_people.size();
    r.presetId = QStringLiteral("okta");
    r.sp.audience = m_sp.entityId;
    r.sp.acsUrl = m_sp.acsUrls.first();
    r.inResponseTo = QString::fromLatin1(kRequestId);
    r.sign = idp::SignMode::Assertion;
    auto steps = m_pipeline->signIn(m_issuer, r);
    return steps && steps->provisioned();
}

bool LoginLane::signAndVerify()
{
    auto signature = crypto::signRaw(m_key, m_data, "sha256");
    if (!signature)
        return false;
    crypto::MdCtxPtr ctx(EVP_MD_CTX_new());
    EVP_PKEY* pub = X509_get0_pubkey(m_key.certificate());
    return EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, pub) == 1 &&
           EVP_DigestVerify(ctx.get(),
                            reinterpret_cast<const unsigned char*>(signature->constData()),
                            std::size_t(signature->size()),
                            reinterpret_cast<const unsigned char*>(m_data.constData()),
                            std::size_t(m_data.size())) == 1;
}

} // namespace

bool addLoginMeasures(Runner& runner)
{
    auto fail = [](const QString& why) {
        QTextStream(stderr) << "jitharness-bench: " << why << "\n";
        return false;
    };
    auto dir = std::make_shared<QTemporaryDir>();
    if (!dir->isValid())
        return fail(QStringLiteral("cannot make a folder for the bench store"));
    const QString single = dir->filePath(QStringLiteral("login-t1.sqlite"));
    const QString shared = dir->filePath(QStringLiteral("login-t2.sqlite"));
    std::array<std::shared_ptr<LoginLane>, 3> lanes;
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        auto made = LoginLane::make(i == 0 ? single : shared);
        if (!made)
            return fail(made.error().message);
        lanes[i] = *made;
    }
    const QString name = QStringLiteral("pipeline.login.okta.rsa2048.disk.");
    const QString reference = QStringLiteral("openssl.sign+verify.rsa2048.");
    auto ops = [](const auto& lane) {
        return ThreadPair::Ops{[lane] { return lane->login(); },
                               [lane] {
                                   return lane->signAndVerify();
                               }};
    };
    addOneAndTwoThreads(runner, name, reference, {ops(lanes[0]), ops(lanes[1]), ops(lanes[2])},
                        dir);
    return true;
}

} // namespace jh::bench
