// decode.*, xml.* and structure.*: from the bytes received to one Response
// with one Assertion (or EncryptedAssertion) and no duplicated IDs.
#include "saml/saml_names.h"
#include "sp/check_catalog.h"
#include "sp/rules.h"
#include "xml/xml_parse.h"

#include <QSet>
#include <array>
#include <vector>
#include <zlib.h>

namespace jh::sp {
namespace {

using namespace check;

bool looksLikeXml(const QByteArray& b)
{
    const QByteArray t = b.trimmed();
    return t.startsWith('<') || t.startsWith("\xEF\xBB\xBF<");
}

// Raw DEFLATE (RFC 1951), as the HTTP-Redirect binding sends it; stops at `limit` bytes.
std::optional<QByteArray> inflateRaw(const QByteArray& in, qsizetype limit)
{
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return std::nullopt;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
    z.avail_in = static_cast<uInt>(in.size());
    QByteArray out;
    char buf[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, qsizetype(sizeof buf - z.avail_out));
        if (out.size() > limit) {
            // Too big: let decode.size say so, rather than "does not inflate".
            inflateEnd(&z);
            return out;
        }
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END)
        return std::nullopt;
    return out;
}

// Qt's strict decoding (AbortOnBase64DecodingErrors) of `in`. Canonical
// base64 — the alphabet only, '=' only as the final padding to a multiple of
// four, which is what IdPs send — has one decoding, done here by table at a
// fraction of Qt's per-character cost; everything else is Qt's to judge.
QByteArray::FromBase64Result decodeBase64(const QByteArray& in)
{
    static constexpr auto kValue = [] {
        std::array<qint16, 256> t{};
        t.fill(-1);
        const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (qint16 i = 0; i < 64; ++i)
            t[static_cast<unsigned char>(alphabet[i])] = i;
        return t;
    }();
    const qsizetype n = in.size();
    const auto* p = reinterpret_cast<const unsigned char*>(in.constData());
    auto slow = [&] {
        return QByteArray::fromBase64Encoding(in, QByteArray::AbortOnBase64DecodingErrors);
    };
    if (n == 0 || n % 4 != 0)
        return slow();
    const int pad = p[n - 1] != '=' ? 0 : p[n - 2] != '=' ? 1 : 2;
    QByteArray out(n / 4 * 3 - pad, Qt::Uninitialized);
    auto* o = reinterpret_cast<unsigned char*>(out.data());
    // Every quantum but the last yields three bytes; the last may be padded.
    // `bad` collects the table's -1 for a character outside the alphabet.
    int bad = 0;
    for (const auto* end = p + n - 4; p < end; p += 4, o += 3) {
        const int a = kValue[p[0]], b = kValue[p[1]], c = kValue[p[2]], d = kValue[p[3]];
        bad |= a | b | c | d;
        const quint32 v = quint32(a) << 18 | quint32(b) << 12 | quint32(c) << 6 | quint32(d);
        o[0] = uchar(v >> 16);
        o[1] = uchar(v >> 8);
        o[2] = uchar(v);
    }
    const int a = kValue[p[0]], b = kValue[p[1]];
    const int c = pad < 2 ? kValue[p[2]] : 0, d = pad < 1 ? kValue[p[3]] : 0;
    if ((bad | a | b | c | d) < 0)
        return slow();
    const quint32 v = quint32(a) << 18 | quint32(b) << 12 | quint32(c) << 6 | quint32(d);
    o[0] = uchar(v >> 16);
    if (pad < 2)
        o[1] = uchar(v >> 8);
    if (pad < 1)
        o[2] = uchar(v);
    return {out, QByteArray::Base64DecodingStatus::Ok};
}

QByteArray formField(const QByteArray& body, const QByteArray& name)
{
    for (const QByteArray& pair : body.split('&')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq > 0 && pair.left(eq).trimmed() == name)
            return QByteArray::fromPercentEncoding(pair.mid(eq + 1).trimmed());
    }
    return {};
}

// Assertions that are not direct children of the Response; with
// `allowAdvice`, those inside the direct Assertion's saml:Advice don't count.
qsizetype strayAssertions(const xmlNode* root, const xmlNode* direct, bool allowAdvice)
{
    auto inAdvice = [&](const xmlNode* n) {
        for (const xmlNode* p = n->parent; p && p != root; p = p->parent)
            if (xml::isElement(p, saml::kNsAssertion, "Advice") && p->parent == direct)
                return true;
        return false;
    };
    qsizetype stray = 0;
    std::vector<const xmlNode*> pending{root};
    while (!pending.empty()) {
        const xmlNode* n = pending.back();
        pending.pop_back();
        if (n != root && n->parent != root && xml::isElement(n, saml::kNsAssertion, "Assertion") &&
            !(allowAdvice && inAdvice(n)))
            ++stray;
        for (const xmlNode* c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                pending.push_back(c);
    }
    return stray;
}

} // namespace

bool decodeMessage(ValidationState& s, const QByteArray& input)
{
    const qsizetype limit = s.config.maxMessageBytes;
    if (input.size() > limit * 4 / 3 + 4) {
        s.fail(kDecodeSize, QStringLiteral("at most %1 bytes").arg(limit),
               QStringLiteral("%1 bytes").arg(input.size()));
        return false;
    }
    QByteArray payload = input.trimmed();
    // memchr first: base64 never holds '&', and the substring search is a
    // byte-by-byte scan of the whole message.
    if (payload.startsWith("SAMLResponse=") ||
        (payload.contains('&') && payload.contains("&SAMLResponse=")))
        payload = formField(payload, "SAMLResponse");

    if (looksLikeXml(payload)) {
        s.skip(kDecodeBase64, QStringLiteral("the input is XML already"));
        s.xml = payload;
    } else {
        QByteArray compact = payload;
        // memchr finds none in the usual single-line base64; removing them is
        // then one pass, where replace(char, "") would scan once per character.
        if (compact.contains(' ') || compact.contains('\n') || compact.contains('\r') ||
            compact.contains('\t'))
            compact.removeIf(
                [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; });
        auto decoded = decodeBase64(compact);
        if (!decoded || decoded.decoded.isEmpty()) {
            s.fail(
                kDecodeBase64,
                QStringLiteral(
                    "base64 (the HTTP-POST SAMLResponse value), XML, or a SAMLResponse= form body"),
                QStringLiteral("%1 bytes that are none of these").arg(payload.size()));
            return false;
        }
        s.pass(kDecodeBase64, QStringLiteral("%1 bytes decoded").arg(decoded.decoded.size()));
        if (looksLikeXml(decoded.decoded)) {
            s.xml = decoded.decoded;
        } else {
            auto inflated = inflateRaw(decoded.decoded, limit);
            if (!inflated) {
                s.fail(kDecodeInflate, QStringLiteral("XML, or raw DEFLATE of XML"),
                       QStringLiteral("binary data that does not inflate"));
                return false;
            }
            if (!s.redirectBinding && !s.config.relaxed(Relaxation::Deflate)) {
                s.fail(kDecodeInflate, QStringLiteral("plain base64 on the POST binding"),
                       QStringLiteral("raw DEFLATE (the Redirect encoding)"), nullptr,
                       QStringLiteral("allow it with --allow deflate"));
                return false;
            }
            s.pass(kDecodeInflate, QStringLiteral("%1 bytes inflated").arg(inflated->size()));
            s.xml = *inflated;
        }
    }
    if (s.xml.size() > limit) {
        s.fail(kDecodeSize, QStringLiteral("at most %1 bytes").arg(limit),
               QStringLiteral("%1 bytes").arg(s.xml.size()));
        return false;
    }
    s.pass(kDecodeSize, QStringLiteral("%1 bytes").arg(s.xml.size()));
    return true;
}

bool parseMessage(ValidationState& s)
{
    auto doc = xml::parseHardened(s.xml, QStringLiteral("SAMLResponse"),
                                  {.maxBytes = s.config.maxMessageBytes});
    if (!doc) {
        if (doc.error().id == QLatin1String("xml.dtd-forbidden")) {
            s.fail(kXmlDtd, QStringLiteral("no DOCTYPE"), QStringLiteral("a DOCTYPE"), nullptr,
                   doc.error().message);
        } else {
            s.pass(kXmlDtd);
            s.fail(kXmlParse, QStringLiteral("well-formed XML"), doc.error().message);
        }
        return false;
    }
    s.pass(kXmlDtd);
    s.pass(kXmlParse);
    s.doc = std::move(*doc);
    return true;
}

bool checkStructure(ValidationState& s)
{
    xmlNode* root = xmlDocGetRootElement(s.doc.get());
    if (!xml::isElement(root, saml::kNsProtocol, "Response")) {
        const QString found = root->ns
                                  ? QStringLiteral("{%1}%2").arg(xml::toQString(root->ns->href),
                                                                 xml::toQString(root->name))
                                  : xml::toQString(root->name);
        s.fail(kStructureRoot, QStringLiteral("{%1}Response").arg(QLatin1String(saml::kNsProtocol)),
               found, root);
        return false;
    }
    s.pass(kStructureRoot, {}, root);
    s.response = root;

    const QString version = xml::attribute(root, "Version");
    if (version != QLatin1String("2.0"))
        s.fail(kStructureVersion, QStringLiteral("2.0"),
               version.isNull() ? QStringLiteral("(absent)") : version, root);
    else
        s.pass(kStructureVersion, version, root);

    // Every ID in the document, wherever it sits: a duplicate is how
    // signature-wrapping attacks make a reference resolve to the wrong node.
    QSet<QString> seen;
    QString duplicate;
    const xmlNode* duplicateAt = nullptr;
    std::vector<const xmlNode*> pending{root};
    while (!pending.empty() && duplicate.isNull()) {
        const xmlNode* n = pending.back();
        pending.pop_back();
        for (const char* name : {"ID", "Id", "id"}) {
            const QString v = xml::attribute(n, name);
            if (v.isNull())
                continue;
            if (seen.contains(v)) {
                duplicate = v;
                duplicateAt = n;
            }
            seen.insert(v);
        }
        for (const xmlNode* c = n->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE)
                pending.push_back(c);
    }
    if (!duplicate.isNull()) {
        s.fail(kStructureUniqueIds, QStringLiteral("each ID once"),
               QStringLiteral("ID \"%1\" twice").arg(duplicate), duplicateAt);
        return false;
    }
    s.pass(kStructureUniqueIds, QStringLiteral("%1 IDs").arg(seen.size()));

    int count = 0;
    for (xmlNode* c = root->children; c; c = c->next) {
        if (xml::isElement(c, saml::kNsAssertion, "Assertion")) {
            s.assertion = c;
            ++count;
        } else if (xml::isElement(c, saml::kNsAssertion, "EncryptedAssertion")) {
            s.encryptedAssertion = c;
            ++count;
        }
    }
    // Assertions anywhere else (saml:Advice, or planted by a wrapping attack)
    // are refused, unless Advice assertions are explicitly allowed.
    if (count == 1) {
        const qsizetype stray =
            strayAssertions(root, s.assertion, s.config.relaxed(Relaxation::AdviceAssertions));
        if (stray > 0) {
            s.fail(kStructureSingleAssertion, QStringLiteral("exactly one"),
                   QStringLiteral("1, plus %1 nested elsewhere").arg(stray), root,
                   QStringLiteral("Assertions inside saml:Advice need --allow advice-assertions"));
            s.assertion = nullptr;
            s.encryptedAssertion = nullptr;
            return false;
        }
    }
    if (count != 1) {
        s.fail(kStructureSingleAssertion, QStringLiteral("exactly one"), QString::number(count),
               root);
        s.assertion = nullptr;
        s.encryptedAssertion = nullptr;
        return false;
    }
    s.pass(kStructureSingleAssertion,
           s.encryptedAssertion ? QStringLiteral("one EncryptedAssertion")
                                : QStringLiteral("one Assertion"),
           s.assertion ? s.assertion : s.encryptedAssertion);
    return true;
}

} // namespace jh::sp
