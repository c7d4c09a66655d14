// For the tests of the SCIM service in process: the service over a fresh
// in-memory account store with its clock at fixedNow(), requests made and
// sent in one call, a snapshot of everything the store holds (to show that a
// refused request changed nothing), and the Users the tests start from.
#pragma once

#include "jit/account_store.h"
#include "scim/scim_service.h"
#include "support/scim_json.h"
#include "time/clock.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace jh::test {

using Query = QList<QPair<QString, QString>>;

// The base URL the service writes into Location and meta.location.
inline const QString kBase = QStringLiteral("http://127.0.0.1:7003/scim/v2");

// A full User: core attributes, kept attributes and the enterprise extension.
inline constexpr char kBjensen[] =
    "{'schemas': ['" USER_URN "', '" ENT_URN "'],"
    " 'userName': 'bjensen@example.com', 'externalId': 'bj-ext',"
    " 'name': {'givenName': 'Barbara', 'familyName': 'Jensen', 'formatted': 'Ms. Barbara Jensen'},"
    " 'displayName': 'Babs Jensen', 'title': 'Tour Guide', 'active': true,"
    " 'password': 'placeholder-secret',"
    " 'emails': [{'value': 'bjensen@example.com', 'type': 'work', 'primary': true},"
    "            {'value': 'babs@jensen.org', 'type': 'home'}],"
    " 'phoneNumbers': [{'value': '555-555-8377', 'type': 'work'}],"
    " '" ENT_URN "': {'employeeNumber': '701984', 'department': 'Tour Operations',"
    "                 'costCenter': '4130'}}";

scim::ScimRequest request(const char* method, const QString& path, const QByteArray& body = {},
                          const Query& query = {});

// "HTTP <status> <body>", for failure messages.
QByteArray said(const scim::ScimResponse& r);

// The status, with the body in the failure message.
#define CHECK_STATUS(response, expected)                                                           \
    QVERIFY2((response).status == (expected),                                                      \
             (QByteArray("expected ") + QByteArray::number(expected) + ", got " +                  \
              ::jh::test::said(response))                                                          \
                 .constData())

// The service over a fresh in-memory store, its clock at fixedNow(). The
// helpers that must succeed end the test run when they do not.
class ScimSp
{
public:
    explicit ScimSp(scim::ScimServiceOptions options = {});

    scim::ScimResponse send(const scim::ScimRequest& r) { return service.handle(r); }
    scim::ScimResponse get(const QString& path, const Query& query = {});
    scim::ScimResponse post(const QString& path, const QByteArray& body);
    scim::ScimResponse put(const QString& path, const QByteArray& body);
    scim::ScimResponse patch(const QString& path, const QByteArray& body);
    scim::ScimResponse del(const QString& path);

    // POST `path`; the new id. Dies unless the answer is 201.
    qint64 createOk(const QString& path, const QByteArray& body);
    qint64 create(const QByteArray& body) { return createOk(QStringLiteral("/Users"), body); }

    jit::Account account(qint64 id);
    QString roles(qint64 id) { return account(id).roles.join(u','); }
    jit::SpGroup group(qint64 id);

    // An account as a JIT login makes it: with a link and a "created" entry.
    qint64 jitAccount(const QString& userName);

    // alice, bob, carol and dave (ids 1 to 4), made an hour apart from
    // fixedNow(); the clock is left an hour after dave.
    void seedFour();

    ManualClock clock;
    jit::AccountStore store;
    scim::ScimService service;
};

QString userPath(qint64 id); // "/Users/<id>"

// Everything the store holds, to show that a refused request changed nothing.
struct Snapshot
{
    jit::StoreCounts counts;
    QList<jit::Account> accounts;
    QHash<qint64, QJsonObject> kept;
    QList<jit::SpGroup> groups;
    QList<jit::AuditEntry> audit;
};

Snapshot snapshot(jit::AccountStore& store);
void checkUntouched(jit::AccountStore& store, const Snapshot& before); // QCOMPAREs

// The userNames' local parts of a list response, in order.
QStringList namesOf(const QJsonObject& list);

} // namespace jh::test
