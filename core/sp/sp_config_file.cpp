#include "sp/sp_config_file.h"

#include "common/file_io.h"
#include "common/yaml_fields.h"
#include "saml/idp_metadata.h"
#include "saml/sp_metadata.h"
#include "xmlsec/algorithms.h"

#include <QDir>
#include <QFileInfo>

namespace jh::sp {

using jh::yaml::FieldError;
using jh::yaml::Fields;

namespace {

class SpConfigReader
{
public:
    SpConfigReader(const QString& fileName, QString baseDir)
        : f(fileName, "sp.config-invalid"), m_base(std::move(baseDir))
    {}

    SpConfig read(const QByteArray& text)
    {
        const YAML::Node root = f.parse(text);
        f.expectMap(root, {});
        f.checkKeys(root, {},
                    {"sp", "idp", "require", "signatureAlgorithms", "digestAlgorithms", "clockSkew",
                     "replayWindow", "nameIdFormats", "maxMessageBytes", "allow"});
        if (!Fields::has(root, "sp"))
            f.fail(root, QStringLiteral("sp"), QStringLiteral("required"));
        if (!Fields::has(root, "idp"))
            f.fail(root, QStringLiteral("idp"), QStringLiteral("required"));
        readSp(root["sp"]);
        readIdp(root["idp"]);
        readPolicy(root);
        if (auto done = checkComplete(c); !done)
            f.fail(root, {}, done.error().message);
        return c;
    }

private:
    QString resolve(const QString& path) const
    {
        return QFileInfo(path).isAbsolute() ? path : QDir(m_base).filePath(path);
    }

    // A file the configuration points at; its own error is reported at the key.
    template <class T> T loaded(Result<T> r, const YAML::Node& at, const QString& path) const
    {
        if (!r)
            f.fail(at, path, r.error().message);
        return std::move(*r);
    }
    void applied(const Result<void>& r, const YAML::Node& at, const QString& path) const
    {
        if (!r)
            f.fail(at, path, r.error().message);
    }

    void readSp(const YAML::Node& n)
    {
        const QString path = QStringLiteral("sp");
        f.expectMap(n, path);
        f.checkKeys(n, path,
                    {"metadata", "entityId", "acs", "decryptionKey", "decryptionCertificate"});
        if (Fields::has(n, "metadata"))
            applied(applySpMetadata(c, resolve(f.str(n, "metadata", path, true))), n["metadata"],
                    Fields::child(path, "metadata"));
        if (Fields::has(n, "entityId"))
            c.entityId = f.str(n, "entityId", path, true);
        if (Fields::has(n, "acs")) {
            // Listed ACS URLs replace the metadata's: the file says exactly which it serves.
            c.acsUrls = f.strList(n, "acs", path);
            if (c.acsUrls.isEmpty())
                f.fail(n["acs"], Fields::child(path, "acs"), QStringLiteral("must not be empty"));
        }
        if (Fields::has(n, "decryptionCertificate") && !Fields::has(n, "decryptionKey"))
            f.fail(n["decryptionCertificate"], Fields::child(path, "decryptionCertificate"),
                   QStringLiteral("needs decryptionKey beside it"));
        if (Fields::has(n, "decryptionKey")) {
            const QString key = resolve(f.str(n, "decryptionKey", path, true));
            const QString cert = Fields::has(n, "decryptionCertificate")
                                     ? resolve(f.str(n, "decryptionCertificate", path, true))
                                     : QString();
            c.decryptionKey = loaded(loadKeyPair(key, cert), n["decryptionKey"],
                                     Fields::child(path, "decryptionKey"));
        }
    }

    void readIdp(const YAML::Node& n)
    {
        const QString path = QStringLiteral("idp");
        f.expectMap(n, path);
        f.checkKeys(n, path, {"metadata", "entityId", "signingCertificates"});
        if (Fields::has(n, "metadata"))
            applied(applyIdpMetadata(c, resolve(f.str(n, "metadata", path, true))), n["metadata"],
                    Fields::child(path, "metadata"));
        if (Fields::has(n, "entityId"))
            c.idp.entityId = f.str(n, "entityId", path, true);
        const QString certsPath = Fields::child(path, "signingCertificates");
        const QStringList certs = f.strList(n, "signingCertificates", path);
        for (qsizetype i = 0; i < certs.size(); ++i)
            c.idp.signingCertificates
                << loaded(loadCertificate(resolve(certs[i])),
                          n["signingCertificates"][std::size_t(i)], Fields::index(certsPath, i));
    }

    QStringList algorithms(const YAML::Node& root, const char* key, xmlsec::AlgorithmKind kind)
    {
        const QString path = QString::fromLatin1(key);
        QStringList names = f.strList(root, key, {});
        if (Fields::has(root, key) && names.isEmpty())
            f.fail(root[key], path, QStringLiteral("must not be empty"));
        for (qsizetype i = 0; i < names.size(); ++i) {
            const YAML::Node at = root[key][std::size_t(i)];
            const QString where = Fields::index(path, i);
            const QString& name = names[i];
            if (name.contains(QLatin1String("md5")) || name.contains(QLatin1String("hmac")))
                f.fail(at, where, QStringLiteral("'%1' is never accepted").arg(name));
            if (name.contains(QLatin1String("sha1")))
                f.fail(at, where,
                       QStringLiteral("SHA-1 is a relaxation: remove '%1' and add 'sha1' to allow")
                           .arg(name));
            if (!xmlsec::findAlgorithm(kind, name))
                f.fail(at, where,
                       QStringLiteral("unknown algorithm '%1' (known: %2)")
                           .arg(name, xmlsec::algorithmNames(kind).join(QStringLiteral(", "))));
        }
        return names;
    }

    void readPolicy(const YAML::Node& root)
    {
        if (Fields::has(root, "require")) {
            const QString r = f.str(root, "require", {}, true);
            const auto req = signRequirementFromName(r);
            if (!req)
                f.fail(root["require"], QStringLiteral("require"),
                       QStringLiteral("'%1' is not assertion, response or both").arg(r));
            c.require = *req;
        }
        if (Fields::has(root, "signatureAlgorithms"))
            c.signatureAlgorithms =
                algorithms(root, "signatureAlgorithms", xmlsec::AlgorithmKind::Signature);
        if (Fields::has(root, "digestAlgorithms"))
            c.digestAlgorithms =
                algorithms(root, "digestAlgorithms", xmlsec::AlgorithmKind::Digest);
        c.clockSkewSeconds = f.integer(root, "clockSkew", {}, c.clockSkewSeconds, 0, 86400);
        c.replayWindowSeconds =
            f.integer(root, "replayWindow", {}, c.replayWindowSeconds, 0, 366 * 86400);
        c.nameIdFormats = f.strList(root, "nameIdFormats", {});
        c.maxMessageBytes =
            f.integer(root, "maxMessageBytes", {}, int(c.maxMessageBytes), 1024, 64 * 1024 * 1024);
        const QStringList allow = f.strList(root, "allow", {});
        for (qsizetype i = 0; i < allow.size(); ++i) {
            const auto r = relaxationFromName(allow[i]);
            if (!r)
                f.fail(root["allow"][std::size_t(i)], Fields::index(QStringLiteral("allow"), i),
                       QStringLiteral("unknown relaxation '%1' (known: %2)")
                           .arg(allow[i], relaxationNames().join(QStringLiteral(", "))));
            c.relaxations.insert(*r);
        }
    }

    Fields f;
    QString m_base;
    SpConfig c;
};

} // namespace

Result<SpConfig> parseSpConfig(const QByteArray& text, const QString& fileName,
                               const QString& baseDir)
{
    try {
        return SpConfigReader(fileName, baseDir).read(text);
    } catch (const FieldError& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return makeError("sp.config-invalid",
                         QStringLiteral("%1: %2").arg(fileName, jh::yaml::fromStd(e.msg)));
    }
}

Result<SpConfig> loadSpConfig(const QString& path)
{
    auto text = readFile(path);
    if (!text)
        return text.error();
    return parseSpConfig(*text, path, QFileInfo(path).absolutePath());
}

Result<void> applySpMetadata(SpConfig& config, const QString& path)
{
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    auto md = saml::parseSpMetadata(*bytes, path);
    if (!md)
        return md.error();
    config.entityId = md->entityId;
    config.acsUrls.clear();
    for (const saml::AcsEndpoint& e : md->acs)
        config.acsUrls << e.location;
    return {};
}

Result<void> applyIdpMetadata(SpConfig& config, const QString& path)
{
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    auto md = saml::parseIdpMetadata(*bytes, path);
    if (!md)
        return md.error();
    config.idp.entityId = md->entityId;
    config.idp.signingCertificates << md->signingCertificates;
    return {};
}

Result<std::shared_ptr<X509>> loadCertificate(const QString& path)
{
    auto pem = readFile(path);
    if (!pem)
        return pem.error();
    return crypto::certificateFromPem(*pem, path);
}

Result<crypto::KeyPair> loadKeyPair(const QString& keyPath, const QString& certPath)
{
    auto key = readFile(keyPath);
    if (!key)
        return key.error();
    if (certPath.isEmpty())
        return crypto::KeyPair::fromPrivateKeyPem(*key, keyPath);
    auto cert = readFile(certPath);
    if (!cert)
        return cert.error();
    return crypto::KeyPair::fromPem(*key, *cert, keyPath);
}

Result<void> checkComplete(const SpConfig& config)
{
    QStringList missing;
    if (config.entityId.isEmpty())
        missing << QStringLiteral("this SP's entityID");
    if (config.acsUrls.isEmpty())
        missing << QStringLiteral("an ACS URL");
    if (config.idp.entityId.isEmpty())
        missing << QStringLiteral("the trusted IdP's entityID");
    if (config.idp.signingCertificates.isEmpty())
        missing << QStringLiteral("the trusted IdP's signing certificate");
    if (missing.isEmpty())
        return {};
    return makeError("sp.config-incomplete",
                     QStringLiteral("missing %1").arg(missing.join(QStringLiteral(", "))));
}

} // namespace jh::sp
