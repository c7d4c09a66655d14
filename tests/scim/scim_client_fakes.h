// Shared by the SCIM client tests: a recording fake SCIM server, the
// one-person directory they change, and JSON helpers that let the expected
// bodies read like the vendors' published examples.
#pragma once

#include "idp/directory_file.h"
#include "scim/scim_client.h"
#include "scim/scim_filter.h"
#include "support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <functional>

namespace jh::scim::fake {

// JSON written with single quotes, so the expected bodies read like the
// vendors' examples (moc in Qt 6.4 misreads quotes inside raw strings).
inline QJsonObject obj(const char* singleQuoted)
{
    const QByteArray json = QByteArray(singleQuoted).replace('\'', '"');
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (!doc.isObject())
        qFatal("bad expected JSON (%s): %s", qPrintable(error.errorString()), json.constData());
    return doc.object();
}

inline QJsonObject bodyOf(const ScimRequest& r)
{
    return QJsonDocument::fromJson(r.body).object();
}

inline QString str(const char* text)
{
    return QString::fromUtf8(text);
}

// A SCIM server in miniature and a recorder: filters run through the real
// filter evaluator, POST hands out ids u1, g2, ..., GET/PUT/DELETE work on
// what it holds, PATCH applies the attribute forms the clients send. A
// scripted answer can replace any reply, and `down` makes every request
// fail as a dead server would.
class FakeServer final : public ScimTransport
{
public:
    QList<ScimRequest> requests;
    QMap<QString, QJsonObject> users;
    QMap<QString, QJsonObject> groups;
    std::function<std::optional<ScimResponse>(const ScimRequest&)> script;
    bool down = false;

    Result<ScimResponse> send(const ScimRequest& r) override
    {
        requests.append(r);
        if (down)
            return makeError("transport.failed", str("http://127.0.0.1:1/scim/v2: refused"));
        if (script)
            if (std::optional<ScimResponse> scripted = script(r))
                return *scripted;
        const bool isUsers = r.path.startsWith(str("/Users"));
        QMap<QString, QJsonObject>& store = isUsers ? users : groups;
        const QString id = r.path.section(QLatin1Char('/'), 2, 2);
        if (r.method == "GET" && id.isEmpty())
            return list(store, r);
        if (r.method == "POST") {
            QJsonObject o = bodyOf(r);
            const QString newId = (isUsers ? str("u") : str("g")) + QString::number(++m_next);
            o.insert(str("id"), newId);
            store.insert(newId, o);
            return answer(201, o);
        }
        if (!store.contains(id))
            return errorResponse(404, {}, str("no such resource"));
        if (r.method == "GET")
            return answer(200, store.value(id));
        if (r.method == "PUT") {
            store.insert(id, bodyOf(r));
            return answer(200, store.value(id));
        }
        if (r.method == "DELETE") {
            store.remove(id);
            return answer(204, {});
        }
        if (isUsers)
            applyPatch(store[id], bodyOf(r));
        return answer(204, {});
    }

    QStringList lines() const
    {
        QStringList out;
        for (const ScimRequest& r : requests) {
            QString line = QString::fromLatin1(r.method) + QLatin1Char(' ') + r.path;
            QChar sep = QLatin1Char('?');
            for (const auto& [k, v] : r.query) {
                line += sep + k + QLatin1Char('=') + v;
                sep = QLatin1Char('&');
            }
            out << line;
        }
        return out;
    }

    void addUser(const QString& id, const QJsonObject& user)
    {
        QJsonObject o = user;
        o.insert(str("id"), id);
        users.insert(id, o);
    }

private:
    static ScimResponse answer(int status, const QJsonObject& body)
    {
        ScimResponse r;
        r.status = status;
        if (!body.isEmpty())
            r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return r;
    }

    static ScimResponse list(const QMap<QString, QJsonObject>& store, const ScimRequest& r)
    {
        QJsonArray found;
        const auto filter = parseFilter(r.queryValue(str("filter")));
        for (const QJsonObject& o : store)
            if (!filter || matches(*filter, o))
                found.append(o);
        return answer(200, {{str("schemas"),
                             QJsonArray{str("urn:ietf:params:scim:api:messages:2.0:ListResponse")}},
                            {str("totalResults"), found.size()},
                            {str("Resources"), found}});
    }

    static void applyPatch(QJsonObject& user, const QJsonObject& patch)
    {
        for (const QJsonValue& v : patch.value(str("Operations")).toArray()) {
            const QJsonObject op = v.toObject();
            const QString path = op.value(str("path")).toString();
            const QJsonValue value = op.value(str("value"));
            if (path.isEmpty()) {
                const QJsonObject values = value.toObject();
                for (auto it = values.begin(); it != values.end(); ++it)
                    setValue(user, it.key(), it.value());
            } else {
                setValue(user, path, value);
            }
        }
    }

    static void setValue(QJsonObject& user, const QString& path, const QJsonValue& value)
    {
        if (path == QLatin1String("active"))
            user.insert(path, value.isString() ? value.toString() == QLatin1String("True")
                                               : value.toBool());
        else if (value.isString())
            setScimValue(user, path, value.toString());
        else
            user.insert(path, value);
    }

    int m_next = 0;
};

inline constexpr char kDirectory[] =
    "tenant:\n"
    "  id: 4df3f2e6-836d-5a5a-a00b-658bcef42a66\n"
    "  displayName: Contoso\n"
    "  primaryDomain: contoso.example\n"
    "  initialDomain: contoso.onmicrosoft.com\n"
    "groups:\n"
    "  - {id: 3541eb9d-4724-5cea-b2ef-8fe38e1b5b16, displayName: All Staff}\n"
    "people:\n"
    "  - id: alice\n"
    "    username: alice@contoso.example\n"
    "    email: alice.martin@contoso.example\n"
    "    givenName: Alice\n"
    "    familyName: Martin\n"
    "    displayName: Alice Martin\n"
    "    department: Engineering\n"
    "    groups: [All Staff]\n";

inline idp::Directory aliceDirectory()
{
    auto d = idp::parseDirectory(QByteArray(kDirectory), str("test.yaml"));
    if (!d)
        qFatal("%s", qPrintable(d.error().message));
    return *d;
}

inline idp::Directory sampleDirectory()
{
    auto d = idp::loadDirectory(test::sourcePath(str("samples/directory.yaml")));
    if (!d)
        qFatal("%s", qPrintable(d.error().message));
    return *d;
}

// Changes alice in `d` with `edit`.
inline void editAlice(idp::Directory& d, const std::function<void(idp::Person&)>& edit)
{
    idp::Person alice = *d.person(str("alice"));
    edit(alice);
    if (!d.updatePerson(alice))
        qFatal("updatePerson failed");
}

inline ScimClientOptions okta()
{
    return ScimClientOptions{};
}

inline ScimClientOptions entra(bool compliant = false)
{
    ScimClientOptions o;
    o.profile = ScimProfile::Entra;
    o.entraCompliantPatch = compliant;
    return o;
}

inline PushReport push(const idp::Directory& d, ScimClientState& state, FakeServer& server,
                       const Clock& clock, const ScimClientOptions& options)
{
    auto report = pushDirectory(d, state, server, clock, options);
    if (!report)
        qFatal("push: %s", qPrintable(report.error().message));
    return *report;
}

inline constexpr char kAliceFilter[] = "userName eq \"alice@contoso.example\"";

} // namespace jh::scim::fake
