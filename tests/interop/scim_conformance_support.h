// What the SCIM conformance test needs around its third-party clients: the
// real `jitharness serve scim` as a child process, one HTTP exchange with
// exactly the headers a suite gives, and the pieces of Runscope's step format
// (variables, property paths, comparisons) that Okta's SPEC test uses.
#pragma once

#include "interop_support.h"
#include "support/fixtures.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTcpServer>
#include <QUrl>

namespace jh::interop {

inline QString snippet(const QByteArray& body)
{
    QString s = QString::fromUtf8(body.left(400)).simplified();
    return body.size() > 400 ? s + QStringLiteral(" …") : s;
}

inline QJsonObject readJsonFile(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (!doc.isObject())
        *error = QStringLiteral("%1: %2").arg(path, pe.errorString());
    return doc.object();
}

// `jitharness serve scim` on a free loopback port, over a store in a temporary
// directory, stopped when this goes out of scope.
class ScimServerProcess
{
public:
    ~ScimServerProcess()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000))
                m_process.kill();
            m_process.waitForFinished(2000);
        }
    }

    // Starts the server and waits for its banner; false with `error` set when
    // it does not come up.
    bool start(const QString& storeFile, const QString& token, QString* error)
    {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("no free loopback port: %1").arg(probe.errorString());
            return false;
        }
        const quint16 port = probe.serverPort();
        probe.close();

        m_process.setProgram(test::cliPath());
        m_process.setArguments({QStringLiteral("serve"), QStringLiteral("scim"),
                                QStringLiteral("--port"), QString::number(port),
                                QStringLiteral("--store"), storeFile, QStringLiteral("--token"),
                                token});
        m_process.start();
        if (!m_process.waitForStarted(10000)) {
            *error = QStringLiteral("jitharness serve scim did not start: %1")
                         .arg(m_process.errorString());
            return false;
        }
        // The banner: "SCIM 2.0 at http://127.0.0.1:N/scim/v2 ..." on stdout.
        static const QRegularExpression banner(
            QStringLiteral("SCIM 2\\.0 at (http://127\\.0\\.0\\.1:\\d+/scim/v2)"));
        QByteArray seen;
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 20000) {
            const QRegularExpressionMatch m = banner.match(QString::fromUtf8(seen));
            if (m.hasMatch()) {
                m_baseUrl = m.captured(1);
                return true;
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
            m_process.waitForReadyRead(200);
            seen += m_process.readAllStandardOutput();
        }
        *error = QStringLiteral("no banner from `jitharness serve scim --port %1`; stdout: %2; "
                                "stderr: %3")
                     .arg(port)
                     .arg(snippet(seen), snippet(m_process.readAllStandardError()));
        return false;
    }

    QString baseUrl() const { return m_baseUrl; } // http://127.0.0.1:N/scim/v2
    QUrl url() const { return QUrl(m_baseUrl); }
    QByteArray stderrSoFar() { return m_process.readAllStandardError(); }

private:
    QProcess m_process;
    QString m_baseUrl;
};

struct Exchange
{
    bool answered = false;
    QString transportError;
    int status = 0;
    QByteArray body;
    qint64 elapsedMs = 0;
};

// One HTTP exchange with headers exactly as given (no client defaults added
// beyond what Qt's HTTP stack must send).
inline Exchange send(QNetworkAccessManager& nam, const QByteArray& method, const QUrl& url,
                     const QList<QPair<QByteArray, QByteArray>>& headers, const QByteArray& body)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(15000);
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply* reply = nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Exchange e;
    e.elapsedMs = timer.elapsed();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    e.answered = status.isValid();
    e.status = status.toInt();
    e.body = reply->readAll();
    if (!e.answered)
        e.transportError = reply->errorString();
    reply->deleteLater();
    return e;
}

// --- Runscope's step format -------------------------------------------------

// Replaces every {{name}} by its value; unknown names are left as they are.
inline QString substitute(QString text, const QHash<QString, QString>& vars)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([^{}]+)\\}\\}"));
    QString out;
    qsizetype last = 0;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(last, m.capturedStart() - last);
        const QString name = m.captured(1);
        out += vars.contains(name) ? vars.value(name) : m.captured(0);
        last = m.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

// A Runscope property path ("Resources[0].name.familyName"; "" is the whole
// body) read from the JSON body; undefined when any part is missing.
inline QJsonValue jsonAt(const QJsonValue& root, const QString& path)
{
    if (path.isEmpty())
        return root;
    static const QRegularExpression part(QStringLiteral("^([^\\[]*)((?:\\[\\d+\\])*)$"));
    QJsonValue v = root;
    for (const QString& segment : path.split(QLatin1Char('.'))) {
        const QRegularExpressionMatch m = part.match(segment);
        if (!m.hasMatch())
            return QJsonValue(QJsonValue::Undefined);
        if (!m.captured(1).isEmpty()) {
            if (!v.isObject())
                return QJsonValue(QJsonValue::Undefined);
            v = v.toObject().value(m.captured(1));
        }
        static const QRegularExpression index(QStringLiteral("\\[(\\d+)\\]"));
        auto indices = index.globalMatch(m.captured(2));
        while (indices.hasNext()) {
            const int i = indices.next().captured(1).toInt();
            if (!v.isArray() || i >= v.toArray().size())
                return QJsonValue(QJsonValue::Undefined);
            v = v.toArray().at(i);
        }
    }
    return v;
}

// The text Runscope compares: strings as they are, numbers and booleans as
// JSON writes them, null as "null".
inline QString textOf(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("(absent)");
}

inline bool notEmpty(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return false;
    case QJsonValue::String:
        return !v.toString().isEmpty();
    case QJsonValue::Array:
        return !v.toArray().isEmpty();
    case QJsonValue::Object:
        return !v.toObject().isEmpty();
    default:
        return true;
    }
}

// "Has value": an array holding the value, or — for an object, as the 401
// step asks of the whole body — a member that is the value or an array
// holding it.
inline bool hasValue(const QJsonValue& v, const QString& expected)
{
    auto arrayHas = [&expected](const QJsonArray& a) {
        for (const auto& x : a)
            if (textOf(x) == expected)
                return true;
        return false;
    };
    if (v.isArray())
        return arrayHas(v.toArray());
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (textOf(it.value()) == expected ||
                (it.value().isArray() && arrayHas(it.value().toArray())))
                return true;
    }
    return textOf(v) == expected;
}

struct Judged
{
    bool pass = false;
    QString found;
};

inline Judged judgeAssertion(const QJsonObject& a, const Exchange& e, const QJsonValue& body,
                             const QString& expected)
{
    const QString comparison = a.value(QLatin1String("comparison")).toString();
    const QString source = a.value(QLatin1String("source")).toString();
    QJsonValue actual;
    if (source == QLatin1String("response_status"))
        actual = e.status;
    else if (source == QLatin1String("response_time"))
        actual = double(e.elapsedMs);
    else if (source == QLatin1String("response_json"))
        actual = jsonAt(body, a.value(QLatin1String("property")).toString());
    else
        return {false, QStringLiteral("(source %1 not supported by this replay)").arg(source)};
    const QString found = textOf(actual);
    if (comparison == QLatin1String("equal"))
        return {found == expected, found};
    if (comparison == QLatin1String("equal_number"))
        return {actual.isDouble() && actual.toDouble() == expected.toDouble(), found};
    if (comparison == QLatin1String("not_empty"))
        return {notEmpty(actual), found};
    if (comparison == QLatin1String("has_value"))
        return {hasValue(actual, expected), found};
    if (comparison == QLatin1String("contains"))
        return {actual.isArray() ? hasValue(actual, expected) : found.contains(expected), found};
    if (comparison == QLatin1String("is_a_number"))
        return {actual.isDouble(), found};
    if (comparison == QLatin1String("is_less_than"))
        return {actual.isDouble() && actual.toDouble() < expected.toDouble(), found};
    return {false, QStringLiteral("(comparison %1 not supported by this replay)").arg(comparison)};
}

// The one script of the suite ("Optional Test: Verify Groups endpoint"): no
// groups at all, or a Resources array when there are some.
inline bool groupsScriptHolds(const QJsonValue& body)
{
    const QJsonValue max = jsonAt(body, QStringLiteral("totalResults"));
    if (max.isDouble() && max.toDouble() == 0)
        return true;
    if (max.isDouble() && max.toDouble() >= 1)
        return jsonAt(body, QStringLiteral("Resources")).isArray();
    return true; // neither branch of the script asserts anything
}

} // namespace jh::interop
