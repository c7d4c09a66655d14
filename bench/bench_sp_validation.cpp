#include "bench_sp_validation.h"

#include "bench_threads.h"
#include "common/file_io.h"
#include "idp/directory_file.h"
#include "idp/issuer.h"
#include "saml/saml_names.h"
#include "sp/validator.h"
#include "xml/xml_document.h"
#include "xmlsec/xmlsec_library.h"

#include <QTextStream>
#include <array>
#include <libxml/parser.h>
#include <memory>
#include <vector>

namespace jh::bench {
namespace {

// Distinct responses per lane, so that each validation is of an assertion
// the SP has not seen, as at a real SP. When the pool starts over the replay
// cache is emptied: it holds up to this many entries, never a replay.
constexpr std::size_t kPoolSize = 256;
const char kKeyBase[] = JH_SOURCE_DIR "/samples/test-keys/TEST-ONLY-idp-rsa";

QDateTime issueInstant()
{
    return QDateTime(QDate(2026, 3, 2), QTime(9, 30), Qt::UTC);
}

QString requestId()
{
    return QStringLiteral("_bench-authn-request-1");
}

struct Message
{
    QByteArray base64; // what the SP receives (HTTP-POST SAMLResponse)
    QByteArray xml;    // the same, decoded: what the bare reference parses
};

// What the IdP issued, and the SP configuration that trusts it.
struct Issued
{
    std::vector<Message> pool;
    sp::SpConfig config;
    QByteArray certificatePem;
};

Result<Issued> issuePool()
{
    auto keyPem = readFile(QString::fromUtf8(kKeyBase) + QStringLiteral(".key.pem"));
    auto certPem = readFile(QString::fromUtf8(kKeyBase) + QStringLiteral(".crt.pem"));
    if (!keyPem || !certPem)
        return !keyPem ? keyPem.error() : certPem.error();
    auto key = crypto::KeyPair::fromPem(*keyPem, *certPem, QString::fromUtf8(kKeyBase));
    auto directory = idp::loadDirectory(QStringLiteral(JH_SOURCE_DIR "/samples/directory.yaml"));
    auto presets = idp::PresetCatalog::builtIn();
    if (!key || !directory || !presets)
        return !key ? key.error() : !directory ? directory.error() : presets.error();

    const crypto::KeyPair k = *key;
    const idp::ResponseSigner signer([k](crypto::KeyType) -> Result<crypto::KeyPair> { return k; });
    const ManualClock clock(issueInstant());
    const idp::Issuer issuer(*directory, *presets, signer, clock);
    idp::IssueRequest request;
    request.personId = QStringLiteral("alice");
    request.presetId = QStringLiteral("okta");
    request.sp.audience = QStringLiteral("https://sp.jitharness.test/metadata");
    request.sp.acsUrl = QStringLiteral("http://127.0.0.1:7001/sp/acs");
    request.inResponseTo = requestId();
    request.sign = idp::SignMode::Assertion;
    request.key = crypto::KeyType::Rsa;
    request.signatureAlgorithm = QStringLiteral("rsa-sha256");
    request.digestAlgorithm = QStringLiteral("sha256");

    Issued out;
    out.certificatePem = *certPem;
    out.config.entityId = request.sp.audience;
    out.config.acsUrls = {request.sp.acsUrl};
    for (std::size_t i = 0; i < kPoolSize; ++i) {
        auto issued = issuer.issue(request);
        if (!issued)
            return issued.error();
        out.config.idp.entityId = issued->spec.issuer;
        out.pool.push_back({issued->response.xml.toBase64(), issued->response.xml});
    }
    return out;
}

// One thread's share: its own clock, Validator, documents and key, so that
// two lanes share nothing but the libraries.
class Lane
{
public:
    // Checks every message once: the SP must accept each, and the bare
    // verification must succeed on each. Error id bench.setup.
    static Result<std::shared_ptr<Lane>> make(const Issued& issued);

    bool validate();   // the subject: base64 in, verified login out
    bool bareVerify(); // the reference: parse, register the ID, verify

private:
    explicit Lane(sp::SpConfig config) : m_validator(std::move(config), m_clock) {}

    ManualClock m_clock{issueInstant()};
    sp::Validator m_validator;
    std::vector<Message> m_pool;
    std::size_t m_next = 0;
    std::size_t m_nextReference = 0;
    xmlsec::KeyPtr m_key;
};

Result<std::shared_ptr<Lane>> Lane::make(const Issued& issued)
{
    auto cert = crypto::certificateFromPem(issued.certificatePem, QStringLiteral("IdP"));
    if (!cert)
        return cert.error();
    sp::SpConfig config = issued.config;
    config.idp.signingCertificates = {*cert};
    std::shared_ptr<Lane> lane(new Lane(std::move(config)));
    xmlsec::ErrorScope errors;
    auto key = xmlsec::publicKeyFromCertificate(cert->get(), QStringLiteral("IdP"), errors);
    if (!key)
        return key.error();
    lane->m_key = std::move(*key);
    // Deep copies: no byte of input is shared with another lane.
    for (const Message& m : issued.pool)
        lane->m_pool.push_back({QByteArray(m.base64.constData(), m.base64.size()),
                                QByteArray(m.xml.constData(), m.xml.size())});
    for (std::size_t i = 0; i < lane->m_pool.size(); ++i) {
        const sp::Report report =
            lane->m_validator.validate(lane->m_pool[i].base64, {requestId(), false});
        if (!report.accepted()) {
            const sp::CheckResult* failed = report.firstFailure();
            return makeError("bench.setup",
                             QStringLiteral("the SP rejects the issued response: %1 (%2)")
                                 .arg(failed ? failed->id : QStringLiteral("no login"),
                                      failed ? failed->found : QString()));
        }
        if (!lane->bareVerify())
            return makeError(
                "bench.setup",
                QStringLiteral("bare xmlSecDSigCtxVerify fails on the issued response"));
    }
    lane->m_validator.replayCache().clear();
    return lane;
}

bool Lane::validate()
{
    if (m_next == m_pool.size()) {
        m_next = 0;
        m_validator.replayCache().clear();
    }
    return m_validator.validate(m_pool[m_next++].base64, {requestId(), false}).accepted();
}

bool Lane::bareVerify()
{
    const QByteArray& bytes = m_pool[m_nextReference].xml;
    m_nextReference = (m_nextReference + 1) % m_pool.size();
    xml::DocPtr doc(xmlReadMemory(bytes.constData(), int(bytes.size()), nullptr, nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (!doc)
        return false;
    xmlNode* assertion =
        xml::firstChild(xmlDocGetRootElement(doc.get()), saml::kNsAssertion, "Assertion");
    xmlNode* signature = xml::firstChild(assertion, saml::kNsDsig, "Signature");
    xmlAttr* id = assertion ? xmlHasProp(assertion, xml::xc("ID")) : nullptr;
    if (!signature || !id)
        return false;
    xml::XmlCharPtr value(xmlNodeListGetString(doc.get(), id->children, 1));
    if (!xmlAddID(nullptr, doc.get(), value.get(), id))
        return false;
    xmlsec::DSigCtxPtr ctx(xmlSecDSigCtxCreate(nullptr));
    if (!ctx)
        return false;
    // The key is lent, not duplicated: a tuned SP keeps its IdP key loaded,
    // and xmlSecKeyDuplicate would re-decode the certificate the key carries.
    ctx->signKey = m_key.get();
    const bool valid =
        xmlSecDSigCtxVerify(ctx.get(), signature) >= 0 && ctx->status == xmlSecDSigStatusSucceeded;
    ctx->signKey = nullptr;
    return valid;
}

} // namespace

bool addSpValidationMeasures(Runner& runner)
{
    auto fail = [](const QString& why) {
        QTextStream(stderr) << "jitharness-bench: " << why << "\n";
        return false;
    };
    if (auto init = xmlsec::ensureInitialised(); !init)
        return fail(init.error().message);
    auto issued = issuePool();
    if (!issued)
        return fail(issued.error().message);
    // One lane for the runner's thread, two for the pair of threads.
    std::array<std::shared_ptr<Lane>, 3> lanes;
    for (auto& lane : lanes) {
        auto made = Lane::make(*issued);
        if (!made)
            return fail(made.error().message);
        lane = *made;
    }

    const QString name = QStringLiteral("saml.sp.validate.rsa2048.");
    const QString reference = QStringLiteral("xmlsec.dsig_verify.rsa2048.");
    auto ops = [](const auto& lane) {
        return ThreadPair::Ops{[lane] { return lane->validate(); },
                               [lane] {
                                   return lane->bareVerify();
                               }};
    };
    addOneAndTwoThreads(runner, name, reference, {ops(lanes[0]), ops(lanes[1]), ops(lanes[2])});
    return true;
}

} // namespace jh::bench
