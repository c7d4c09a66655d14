// What the interop tests need around the third-party peers: running them,
// reading what our XML says independently of core, and the shapes of the
// cases and verdicts exchanged with the Python SPs in --batch mode.
#pragma once

#include "support/fixtures.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>
#include <memory>
#include <optional>

namespace jh::interop {

// Debian installs python3-onelogin-saml2 and python3-pysaml2 for the system
// interpreter only; a python3 earlier on PATH (pyenv, venv) cannot import them.
inline const QString kSystemPython = QStringLiteral("/usr/bin/python3");

inline constexpr QLatin1String kNsSamlp("urn:oasis:names:tc:SAML:2.0:protocol");
inline constexpr QLatin1String kNsSaml("urn:oasis:names:tc:SAML:2.0:assertion");
inline constexpr QLatin1String kNsDsig("http://www.w3.org/2000/09/xmldsig#");

inline const QString kSpEntity =
    QStringLiteral("https://sp.interop.test/saml/metadata"); // as in data/sp-metadata.xml
inline const QString kSpAcs = QStringLiteral("https://sp.interop.test/saml/acs");
inline const QString kOtherSpEntity = QStringLiteral("https://other-sp.interop.test/saml/metadata");
inline const QString kRequestId = QStringLiteral("_interopAuthnRequest0001");

inline QString interopPath(const QString& relative)
{
    return test::sourcePath(QStringLiteral("tests/interop/") + relative);
}

inline QString idpCertPath(const QString& key)
{
    return test::testKeyDir() + QStringLiteral("/TEST-ONLY-idp-") + key +
           QStringLiteral(".crt.pem");
}

struct Ran
{
    bool started = false;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString describe() const
    {
        return QStringLiteral("exit %1, stderr: %2")
            .arg(exitCode)
            .arg(QString::fromUtf8(err.left(2000)));
    }
};

inline Ran finish(QProcess& p, int timeoutMs)
{
    Ran r;
    r.started = p.waitForStarted(10000);
    if (r.started && !p.waitForFinished(timeoutMs))
        p.kill();
    p.waitForFinished(1000);
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = (p.exitStatus() == QProcess::NormalExit && r.started) ? p.exitCode() : -1;
    return r;
}

inline Ran run(const QString& program, const QStringList& args, const QByteArray& input = {},
               int timeoutMs = 60000)
{
    QProcess p;
    p.start(program, args);
    if (p.waitForStarted(10000)) {
        p.write(input);
        p.closeWriteChannel();
    }
    return finish(p, timeoutMs);
}

// What our XML says, read with Qt's own stream reader (independent of the
// core's SAML reader) so that the peers are compared with the bytes sent.
struct Said
{
    QString issuer; // Response/Issuer
    QString nameId;
    QString nameIdFormat;
    QMap<QString, QStringList> attributes; // Name -> values, in order
    QStringList signedElements;            // "Response" / "Assertion", each holding a ds:Signature
    QStringList uncoveredSignatures;       // signatures whose Reference is not "#" + parent's ID
    bool hasPlainAssertion = false;
    QString parseError;
};

inline Said readSaid(const QByteArray& xml)
{
    Said s;
    QXmlStreamReader r(xml);
    struct Open
    {
        QString name;
        QString id;
    };
    QList<Open> path;
    QString attributeName;
    auto parentIs = [&](QLatin1String name) {
        return !path.isEmpty() && path.last().name == name;
    };
    while (!r.atEnd()) {
        r.readNext();
        if (r.isEndElement()) {
            path.removeLast();
            continue;
        }
        if (!r.isStartElement())
            continue;
        const QString name = r.name().toString();
        const auto ns = r.namespaceUri();
        if (ns == kNsSaml && name == QLatin1String("Issuer") &&
            parentIs(QLatin1String("Response"))) {
            s.issuer = r.readElementText();
            continue;
        }
        if (ns == kNsSaml && name == QLatin1String("NameID") &&
            parentIs(QLatin1String("Subject"))) {
            s.nameIdFormat = r.attributes().value(QLatin1String("Format")).toString();
            s.nameId = r.readElementText();
            continue;
        }
        if (ns == kNsSaml && name == QLatin1String("Attribute") &&
            parentIs(QLatin1String("AttributeStatement"))) {
            attributeName = r.attributes().value(QLatin1String("Name")).toString();
            s.attributes[attributeName]; // an attribute without values is still sent
        }
        if (ns == kNsSaml && name == QLatin1String("AttributeValue") &&
            parentIs(QLatin1String("Attribute"))) {
            s.attributes[attributeName]
                << r.readElementText(QXmlStreamReader::IncludeChildElements);
            continue;
        }
        if (ns == kNsSaml && name == QLatin1String("Assertion"))
            s.hasPlainAssertion = true;
        if (ns == kNsDsig && name == QLatin1String("Signature") && !path.isEmpty())
            s.signedElements << path.last().name;
        // Signature/SignedInfo/Reference: the URI names what the signature
        // covers, which must be the element holding the signature.
        if (ns == kNsDsig && name == QLatin1String("Reference") && path.size() >= 3 &&
            path.at(path.size() - 1).name == QLatin1String("SignedInfo") &&
            path.at(path.size() - 2).name == QLatin1String("Signature")) {
            const Open& owner = path.at(path.size() - 3);
            if (r.attributes().value(QLatin1String("URI")) != QString(QLatin1Char('#') + owner.id))
                s.uncoveredSignatures << owner.name;
        }
        if ((ns == kNsSamlp && name == QLatin1String("Response")) ||
            (ns == kNsSaml && name == QLatin1String("Assertion")))
            path << Open{name, r.attributes().value(QLatin1String("ID")).toString()};
        else
            path << Open{name, {}};
    }
    if (r.hasError())
        s.parseError = r.errorString();
    return s;
}

// One signature checked by xmlsec1.
struct SignatureCheck
{
    QString element; // "Response" or "Assertion"
    bool verified = false;
    QString detail;
};

// Runs `xmlsec1 --verify` on the signature held by `element`, trusting only
// `certPem`: the key comes from that certificate, never from the message
// (raw-x509-cert is the only key data enabled, and it is the kind a
// --pubkey-cert-pem load produces), and only same-document references count.
inline SignatureCheck xmlsecVerify(const QString& xmlsec, const QString& file,
                                   const QString& element, const QString& certPem)
{
    const QString sig =
        QStringLiteral("*[local-name()='Signature' and namespace-uri()='%1']").arg(kNsDsig);
    const QString xpath =
        element == QLatin1String("Response")
            ? QStringLiteral("/*[local-name()='Response' and namespace-uri()='%1']/%2")
                  .arg(kNsSamlp, sig)
            // After xmlsec1 --decrypt the assertion sits inside saml:EncryptedAssertion.
            : QStringLiteral("//*[local-name()='Assertion' and namespace-uri()='%1']/%2")
                  .arg(kNsSaml, sig);
    const Ran r =
        run(xmlsec, {QStringLiteral("--verify"), QStringLiteral("--pubkey-cert-pem"), certPem,
                     QStringLiteral("--enabled-key-data"), QStringLiteral("raw-x509-cert"),
                     QStringLiteral("--enabled-reference-uris"), QStringLiteral("same-doc"),
                     QStringLiteral("--id-attr:ID"), kNsSamlp + QStringLiteral(":Response"),
                     QStringLiteral("--id-attr:ID"), kNsSaml + QStringLiteral(":Assertion"),
                     QStringLiteral("--node-xpath"), xpath, file});
    SignatureCheck c;
    c.element = element;
    // xmlsec1 prints "OK" or "FAIL" on stderr, and exits 0 only for OK.
    c.verified = r.exitCode == 0 && r.err.split('\n').contains("OK");
    c.detail = r.describe();
    return c;
}

struct Verdict
{
    bool present = false;
    bool accepted = false;
    QString error;
    QString nameId;
    QString nameIdFormat;
    QMap<QString, QStringList> attributes;
};

inline Verdict verdictFrom(const QJsonObject& o)
{
    Verdict v;
    v.present = true;
    v.accepted = o.value(QLatin1String("accepted")).toBool();
    v.error = o.value(QLatin1String("error")).toString();
    v.nameId = o.value(QLatin1String("name_id")).toString();
    v.nameIdFormat = o.value(QLatin1String("name_id_format")).toString();
    const QJsonObject attrs = o.value(QLatin1String("attributes")).toObject();
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        QStringList values;
        const QJsonArray arr = it.value().toArray();
        for (const auto& x : arr)
            values << x.toString();
        v.attributes.insert(it.key(), values);
    }
    return v;
}

inline QString describe(const QMap<QString, QStringList>& m)
{
    QStringList parts;
    for (auto it = m.begin(); it != m.end(); ++it)
        parts << it.key() + QStringLiteral("=[") + it.value().join(QStringLiteral(" | ")) +
                     QLatin1Char(']');
    return parts.join(QStringLiteral("; "));
}

// An issued message and what the third parties made of it.
struct Issued
{
    QString label; // "okta/both/ec alice", also the peers' case name
    QString preset, sign, key, person;
    bool encrypted = false;
    QByteArray xml;       // as issued
    QByteArray plainXml;  // xml, or xmlsec1's decryption of it
    QString file;         // xml, on disk for xmlsec1
    Said said;            // read from plainXml
    QString decryptError; // xmlsec1 --decrypt, when encrypted
    QList<SignatureCheck> signatures;
};

// The peers' case for a message: the SP settings a test row judges it with.
struct PeerCase
{
    QString name;
    QByteArray response; // the XML; sent base64, as HTTP-POST carries it
    QString issuer;
    QString certKey; // which IdP certificate the SP trusts
    QString spEntity = kSpEntity;
    QString inResponseTo = kRequestId;
    bool decrypt = false;
    bool wantAssertionsSigned = false;
    bool wantResponseSigned = false;
    QString idpMetadata; // instead of the certificate, when set
    QString acs = kSpAcs;
    bool holdSpKey = false;    // the SP key is configured even when encryption is not required
    QString now;               // ISO 8601 UTC instant the peer judges at; empty: its system clock
    int clockSkewSeconds = -1; // -1: the library's own default
    std::optional<bool> allowUnsolicited; // unset: only when no request is outstanding
    int deliveries = 1;                   // >1: the same SP object gets the message again (replay)
};

inline QJsonObject toJson(const PeerCase& c, const QString& spKey, const QString& spCert)
{
    QJsonObject o{
        {QStringLiteral("name"), c.name},
        {QStringLiteral("response"), QString::fromLatin1(c.response.toBase64())},
        {QStringLiteral("idp_entity"), c.issuer},
        {QStringLiteral("sp_entity"), c.spEntity},
        {QStringLiteral("acs"), c.acs},
        {QStringLiteral("in_response_to"), c.inResponseTo},
        {QStringLiteral("want_assertions_signed"), c.wantAssertionsSigned},
        {QStringLiteral("want_response_signed"), c.wantResponseSigned},
        {QStringLiteral("want_assertions_encrypted"), c.decrypt},
    };
    if (c.idpMetadata.isEmpty())
        o.insert(QStringLiteral("idp_cert"), idpCertPath(c.certKey));
    else
        o.insert(QStringLiteral("idp_metadata"), c.idpMetadata);
    if (c.decrypt || c.holdSpKey) {
        o.insert(QStringLiteral("sp_key"), spKey);
        o.insert(QStringLiteral("sp_cert"), spCert);
    }
    if (!c.now.isEmpty())
        o.insert(QStringLiteral("now"), c.now);
    if (c.clockSkewSeconds >= 0)
        o.insert(QStringLiteral("clock_skew"), c.clockSkewSeconds);
    if (c.allowUnsolicited)
        o.insert(QStringLiteral("allow_unsolicited"), *c.allowUnsolicited);
    if (c.deliveries > 1)
        o.insert(QStringLiteral("repeat"), c.deliveries);
    return o;
}

inline const QStringList kSignModes{QStringLiteral("assertion"), QStringLiteral("response"),
                                    QStringLiteral("both")};
inline const QStringList kKeys{QStringLiteral("rsa"), QStringLiteral("ec")};
inline const QStringList kPythonPeers{QStringLiteral("onelogin"), QStringLiteral("pysaml2")};

inline QStringList expectedSignedElements(const QString& sign)
{
    if (sign == QLatin1String("assertion"))
        return {QStringLiteral("Assertion")};
    if (sign == QLatin1String("response"))
        return {QStringLiteral("Response")};
    if (sign == QLatin1String("both"))
        return {QStringLiteral("Response"), QStringLiteral("Assertion")};
    return {};
}

// Changes one byte of the NameID's text: the first character, to a different
// letter, so the message stays well-formed and only the signed value differs.
inline QByteArray tamperNameId(const QByteArray& xml)
{
    qsizetype tag = xml.indexOf(":NameID ");
    if (tag < 0)
        tag = xml.indexOf(":NameID>");
    const qsizetype text = tag < 0 ? -1 : xml.indexOf('>', tag) + 1;
    if (text <= 0 || text >= xml.size())
        return {};
    QByteArray t = xml;
    t[text] = t[text] == 'x' ? 'y' : 'x';
    return t;
}

} // namespace jh::interop
