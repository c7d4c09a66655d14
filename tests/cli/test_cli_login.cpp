// `jitharness login`, `accounts` and `sp verify --store` as scripts use them:
// exit 0 provisioned, 1 rejected or denied (the store as it was), 2 bad
// usage or an unusable store (nothing created, a corrupt file left byte for
// byte); the JSON shapes; an assertion refused from a second process; and
// hostile claim values stored literally, printed escaped.
#include "common/display_text.h"
#include "common/file_io.h"
#include "jit/outcome.h"
#include "support/cli_runner.h"
#include "support/fixtures.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace jh;
using test::runCli;

namespace {

const QString kNow = QStringLiteral("2026-01-05T09:00:00Z");

QString policyPath()
{
    return test::sourcePath(QStringLiteral("samples/jit-policy.yaml"));
}

QJsonObject object(const test::CliRun& r)
{
    return QJsonDocument::fromJson(r.out).object();
}

QJsonArray array(const test::CliRun& r)
{
    return QJsonDocument::fromJson(r.out).array();
}

QStringList strings(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& s : v.toArray())
        out << s.toString();
    return out;
}

// What a run printed, for failure messages.
QByteArray said(const test::CliRun& r)
{
    return "exit " + QByteArray::number(r.exitCode) + "\nstdout: " + r.out.right(1500) +
           "\nstderr: " + r.err;
}

bool lineStartsWith(const QByteArray& text, const QByteArray& start)
{
    for (const QByteArray& line : text.split('\n'))
        for (const QByteArray& part : line.split('\r'))
            if (part.startsWith(start))
                return true;
    return false;
}

} // namespace

class TestCliLogin : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_files = 0;

    QString newFile(const QString& stem)
    {
        return m_dir.filePath(QStringLiteral("%1-%2").arg(++m_files).arg(stem));
    }

    // `extra` may repeat an option: the last value wins (QCommandLineParser).
    static QStringList login(const QString& person, const QString& store,
                             const QStringList& extra = {})
    {
        return QStringList{QStringLiteral("login"),
                           QStringLiteral("--person"),
                           person,
                           QStringLiteral("--preset"),
                           QStringLiteral("okta"),
                           QStringLiteral("--key-dir"),
                           test::testKeyDir(),
                           QStringLiteral("--store"),
                           store,
                           QStringLiteral("--policy"),
                           policyPath(),
                           QStringLiteral("--now"),
                           kNow} +
               extra;
    }

    static QStringList accounts(const QStringList& what, const QString& store)
    {
        return QStringList{QStringLiteral("accounts")} + what +
               QStringList{QStringLiteral("--store"), store};
    }

    // The store as `accounts` shows it: every account and every audit entry.
    static QByteArray storeState(const QString& store)
    {
        const auto list =
            runCli(accounts({QStringLiteral("list"), QStringLiteral("--json")}, store));
        const auto audit =
            runCli(accounts({QStringLiteral("audit"), QStringLiteral("--json")}, store));
        if (list.exitCode != 0 || audit.exitCode != 0)
            return "unreadable: " + list.err + audit.err;
        return list.out + audit.out;
    }

    // A store with alice's account in it (created, one audit entry).
    QString seededStore()
    {
        const QString store = newFile(QStringLiteral("store.db"));
        const auto r = runCli(login(QStringLiteral("alice"), store));
        if (r.exitCode != 0)
            qFatal("seeding %s: %s", qPrintable(store), said(r).constData());
        return store;
    }

    // The sample policy with some settings replaced, written to the temp dir.
    QString policyWith(const QList<std::pair<QByteArray, QByteArray>>& changes)
    {
        QByteArray text = readFile(policyPath()).value();
        for (const auto& [from, to] : changes) {
            if (!text.contains(from))
                qFatal("the sample policy has no '%s'", from.constData());
            text.replace(from, to);
        }
        const QString path = newFile(QStringLiteral("policy.yaml"));
        if (!writeFileAtomic(path, text).ok())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void loginCreatesThenKeepsInStep()
    {
        const QString store = newFile(QStringLiteral("store.db"));
        const auto first =
            runCli(login(QStringLiteral("alice"), store, {QStringLiteral("--json")}));
        QVERIFY2(first.exitCode == 0, said(first).constData());
        const QJsonObject o = object(first);
        QCOMPARE(o.value(QStringLiteral("accepted")).toBool(), true);
        QCOMPARE(o.value(QStringLiteral("provisioned")).toBool(), true);
        const QJsonObject report = o.value(QStringLiteral("report")).toObject();
        QCOMPARE(report.value(QStringLiteral("accepted")).toBool(), true);
        const QJsonArray checks = report.value(QStringLiteral("checks")).toArray();
        QVERIFY(checks.size() > 20);
        QStringList checkIds;
        for (const QJsonValue& c : checks)
            checkIds << c.toObject().value(QStringLiteral("id")).toString();
        QVERIFY(checkIds.contains(QStringLiteral("sig.value")));
        QVERIFY(checkIds.contains(QStringLiteral("replay")));
        const QJsonObject mapped = o.value(QStringLiteral("mapped")).toObject();
        QCOMPARE(mapped.value(QStringLiteral("subject")).toString(),
                 QStringLiteral("alice@contoso.example"));
        QCOMPARE(mapped.value(QStringLiteral("groups")).toString(), QStringLiteral("sent"));
        QCOMPARE(strings(mapped.value(QStringLiteral("rolesGranted"))),
                 QStringList{QStringLiteral("engineer")});
        const QJsonObject outcome = o.value(QStringLiteral("outcome")).toObject();
        QCOMPARE(outcome.value(QStringLiteral("action")).toString(), QStringLiteral("created"));
        const QJsonObject account = outcome.value(QStringLiteral("account")).toObject();
        QCOMPARE(account.value(QStringLiteral("id")).toInteger(), 1);
        QCOMPARE(strings(account.value(QStringLiteral("roles"))),
                 QStringList{QStringLiteral("engineer")});
        QCOMPARE(outcome.value(QStringLiteral("messageId")).toString(),
                 o.value(QStringLiteral("issued"))
                     .toObject()
                     .value(QStringLiteral("assertionId"))
                     .toString());

        const auto again =
            runCli(login(QStringLiteral("alice"), store, {QStringLiteral("--json")}));
        QVERIFY2(again.exitCode == 0, said(again).constData());
        QCOMPARE(object(again)
                     .value(QStringLiteral("outcome"))
                     .toObject()
                     .value(QStringLiteral("action"))
                     .toString(),
                 QStringLiteral("unchanged"));

        const auto moved = runCli(login(QStringLiteral("alice"), store,
                                        {QStringLiteral("--attr"), QStringLiteral("groups=Sales"),
                                         QStringLiteral("--json"), QStringLiteral("--now"),
                                         QStringLiteral("2026-01-06T09:00:00Z")}));
        QVERIFY2(moved.exitCode == 0, said(moved).constData());
        const QJsonObject update = object(moved).value(QStringLiteral("outcome")).toObject();
        QCOMPARE(update.value(QStringLiteral("action")).toString(), QStringLiteral("updated"));
        QCOMPARE(strings(update.value(QStringLiteral("rolesRemoved"))),
                 QStringList{QStringLiteral("engineer")});
        QCOMPARE(strings(update.value(QStringLiteral("rolesAdded"))),
                 QStringList{QStringLiteral("sales")});
        const auto shown = runCli(accounts(
            {QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--json")}, store));
        QCOMPARE(shown.exitCode, 0);
        QCOMPARE(strings(object(shown).value(QStringLiteral("roles"))),
                 QStringList{QStringLiteral("sales")});
        QCOMPARE(object(shown).value(QStringLiteral("audit")).toArray().size(), 3);

        const auto text = runCli(login(QStringLiteral("bruno"), store));
        QVERIFY2(text.exitCode == 0, said(text).constData());
        QVERIFY2(text.out.contains("\nJIT: CREATED account #2\n"), said(text).constData());
        QVERIFY(text.out.contains("PASS  replay"));
        QVERIFY(text.out.contains("ACCEPTED: bruno@contoso.example"));
    }

    void rejectedOrDeniedIsExitOneAndChangesNothing_data()
    {
        QTest::addColumn<QString>("person");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("SP requires both signed, IdP signs the assertion")
            << "alice" << QStringList{QStringLiteral("--sp"),
                                      test::sourcePath(QStringLiteral("samples/sp-config.yaml")),
                                      QStringLiteral("--require"),
                                      QStringLiteral("both"),
                                      QStringLiteral("--sign"),
                                      QStringLiteral("assertion")}
            << false << "sig.required";
        QTest::newRow("policy denies an unknown subject")
            << "bruno"
            << QStringList{QStringLiteral("--policy"),
                           policyWith({{"unknownSubject: create", "unknownSubject: deny"}})}
            << true << "unknownSubject: deny";
        QTest::newRow("policy denies an e-mail domain")
            << "bruno"
            << QStringList{QStringLiteral("--policy"),
                           policyWith(
                               {{"unknownSubject: create", "unknownSubject: allowed-domains"},
                                {"allowedDomains: []", "allowedDomains: [fabrikam.example]"}})}
            << true << "not among the allowed domains";
    }

    void rejectedOrDeniedIsExitOneAndChangesNothing()
    {
        QFETCH(QString, person);
        QFETCH(QStringList, extra);
        QFETCH(bool, accepted);
        QFETCH(QString, mentions);
        const QString store = seededStore();
        const QByteArray before = storeState(store);
        QVERIFY(before.contains("alice@contoso.example"));

        const auto json = runCli(login(person, store, extra << QStringLiteral("--json")));
        QVERIFY2(json.exitCode == 1, said(json).constData());
        const QJsonObject o = object(json);
        QCOMPARE(o.value(QStringLiteral("provisioned")).toBool(), false);
        QCOMPARE(o.value(QStringLiteral("accepted")).toBool(), accepted);
        if (accepted)
            QCOMPARE(o.value(QStringLiteral("outcome"))
                         .toObject()
                         .value(QStringLiteral("action"))
                         .toString(),
                     QStringLiteral("denied"));
        else
            QVERIFY(!o.contains(QStringLiteral("outcome")));
        QVERIFY2(json.out.contains(mentions.toUtf8()), said(json).constData());
        QCOMPARE(storeState(store), before);

        extra.removeLast(); // --json
        const auto text = runCli(login(person, store, extra));
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains(accepted ? "JIT: DENIED" : "FAIL  sig.required"),
                 said(text).constData());
        QCOMPARE(storeState(store), before);
    }

    void badUsageIsExitTwoAndCreatesNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("storeBytes"); // empty: no store file beforehand
        QTest::addColumn<QString>("mentions");
        const QString store = newFile(QStringLiteral("never.db"));
        QTest::newRow("unknown person")
            << login(QStringLiteral("zed"), store) << QByteArray() << "zed";
        QTest::newRow("unknown preset")
            << (login(QStringLiteral("alice"), store)
                << QStringLiteral("--preset") << QStringLiteral("keycloak"))
            << QByteArray() << "keycloak";
        QTest::newRow("missing --person") << QStringList{QStringLiteral("login"),
                                                         QStringLiteral("--preset"),
                                                         QStringLiteral("okta"),
                                                         QStringLiteral("--key-dir"),
                                                         test::testKeyDir(),
                                                         QStringLiteral("--store"),
                                                         store,
                                                         QStringLiteral("--now"),
                                                         kNow}
                                          << QByteArray() << "--person";
        const QString badPolicy = policyWith({{"sync: every-login", "sync: sometimes"}});
        QTest::newRow("bad policy file")
            << (login(QStringLiteral("alice"), store) << QStringLiteral("--policy") << badPolicy)
            << QByteArray() << QFileInfo(badPolicy).fileName() + QStringLiteral(":5");
        QTest::newRow("missing policy file")
            << (login(QStringLiteral("alice"), store)
                << QStringLiteral("--policy") << m_dir.filePath(QStringLiteral("none.yaml")))
            << QByteArray() << "none.yaml";
        QTest::newRow("bad --now") << (login(QStringLiteral("alice"), store)
                                       << QStringLiteral("--now") << QStringLiteral("yesterday"))
                                   << QByteArray() << "yesterday";
        const QString corrupt = newFile(QStringLiteral("corrupt.db"));
        QByteArray garbage("SQLite format 3");
        garbage.append('\0');
        garbage.append(QByteArray(8192, '\x5a'));
        QTest::newRow("corrupt store file")
            << login(QStringLiteral("alice"), corrupt) << garbage << corrupt;
        const QString text = newFile(QStringLiteral("notes.txt"));
        QTest::newRow("store is a text file")
            << login(QStringLiteral("alice"), text)
            << QByteArray("these are my notes, not a database\n").repeated(100) << text;
    }

    void badUsageIsExitTwoAndCreatesNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, storeBytes);
        QFETCH(QString, mentions);
        const QString store = args.at(args.indexOf(QStringLiteral("--store")) + 1);
        if (!storeBytes.isEmpty())
            QVERIFY(writeFileAtomic(store, storeBytes).ok());
        const auto r = runCli(args);
        QVERIFY2(r.exitCode == 2, said(r).constData());
        QVERIFY2(r.err.contains(mentions.toUtf8()), said(r).constData());
        QVERIFY(r.out.isEmpty());
        if (storeBytes.isEmpty()) {
            QVERIFY2(!QFile::exists(store), qPrintable(store));
        } else {
            QCOMPARE(readFile(store).value(), storeBytes);
            QVERIFY(!QFile::exists(store + QStringLiteral("-wal")));
            QVERIFY(!QFile::exists(store + QStringLiteral("-journal")));
        }
        // `accounts` refuses the corrupt file the same way, leaving it as it was.
        if (!storeBytes.isEmpty()) {
            const auto list = runCli(accounts({QStringLiteral("list")}, store));
            QCOMPARE(list.exitCode, 2);
            QVERIFY(list.err.contains(store.toUtf8()));
            QCOMPARE(readFile(store).value(), storeBytes);
        }
    }

    void accountsListShowAudit()
    {
        const QString store = seededStore();
        QCOMPARE(runCli(login(QStringLiteral("bruno"), store)).exitCode, 0);
        QCOMPARE(runCli(login(QStringLiteral("alice"), store,
                              {QStringLiteral("--attr"), QStringLiteral("groups=Sales"),
                               QStringLiteral("--now"), QStringLiteral("2026-01-06T09:00:00Z")}))
                     .exitCode,
                 0);

        const auto list = runCli(accounts({QStringLiteral("list")}, store));
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains("alice@contoso.example"), list.out.constData());
        QVERIFY(list.out.contains("bruno@contoso.example"));
        QVERIFY(list.out.contains("2 account(s)"));
        QVERIFY(list.out.contains("last login 2026-01-06T09:00:00Z"));
        const auto listJson =
            runCli(accounts({QStringLiteral("list"), QStringLiteral("--json")}, store));
        QCOMPARE(listJson.exitCode, 0);
        const QJsonArray rows = array(listJson);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].toObject().value(QStringLiteral("id")).toInteger(), 1);
        QCOMPARE(rows[0]
                     .toObject()
                     .value(QStringLiteral("profile"))
                     .toObject()
                     .value(QStringLiteral("userName"))
                     .toString(),
                 QStringLiteral("alice@contoso.example"));
        QCOMPARE(rows[1].toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("active"));

        const auto show = runCli(accounts({QStringLiteral("show"), QStringLiteral("1")}, store));
        QCOMPARE(show.exitCode, 0);
        QVERIFY2(show.out.contains("account #1  active, provisioned by jit"), show.out.constData());
        QVERIFY(show.out.contains(
            "linked: http://www.okta.com/exk1contosoharness7 | alice@contoso.example"));
        QVERIFY(show.out.contains("history:"));
        QVERIFY(show.out.contains("jit created  account #1"));
        QVERIFY(show.out.contains("jit updated  account #1"));
        QVERIFY(show.out.contains("- role engineer"));
        QVERIFY(!show.out.contains("bruno"));
        const auto showJson = runCli(accounts(
            {QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--json")}, store));
        QCOMPARE(showJson.exitCode, 0);
        const QJsonObject alice = object(showJson);
        QCOMPARE(alice.value(QStringLiteral("id")).toInteger(), 1);
        QCOMPARE(alice.value(QStringLiteral("links")).toArray().size(), 1);
        QCOMPARE(alice.value(QStringLiteral("audit")).toArray().size(), 2);

        const auto audit = runCli(accounts({QStringLiteral("audit")}, store));
        QCOMPARE(audit.exitCode, 0);
        QVERIFY(audit.out.contains("account #2"));
        QVERIFY(audit.out.contains("because: first login of bruno@contoso.example"));
        const auto auditJson =
            runCli(accounts({QStringLiteral("audit"), QStringLiteral("--json")}, store));
        QCOMPARE(auditJson.exitCode, 0);
        const QJsonArray entries = array(auditJson);
        QCOMPARE(entries.size(), 3);
        QCOMPARE(entries[2].toObject().value(QStringLiteral("action")).toString(),
                 QStringLiteral("updated"));
        QCOMPARE(entries[2].toObject().value(QStringLiteral("at")).toString(),
                 QStringLiteral("2026-01-06T09:00:00.000Z"));
        const auto onlyAlice =
            runCli(accounts({QStringLiteral("audit"), QStringLiteral("--account"),
                             QStringLiteral("1"), QStringLiteral("--json")},
                            store));
        QCOMPARE(onlyAlice.exitCode, 0);
        const QJsonArray hers = array(onlyAlice);
        QCOMPARE(hers.size(), 2);
        for (const QJsonValue& e : hers)
            QCOMPARE(e.toObject().value(QStringLiteral("account")).toInteger(), 1);
    }

    void accountsBadUsage_data()
    {
        QTest::addColumn<QStringList>("what");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("show an unknown account")
            << QStringList{QStringLiteral("show"), QStringLiteral("999")} << "999";
        QTest::newRow("unknown subcommand")
            << QStringList{QStringLiteral("frobnicate")} << "frobnicate";
        QTest::newRow("show without an ID") << QStringList{QStringLiteral("show")} << "ID";
        QTest::newRow("show a non-number")
            << QStringList{QStringLiteral("show"), QStringLiteral("abc")} << "abc";
        QTest::newRow("audit of a non-number")
            << QStringList{QStringLiteral("audit"), QStringLiteral("--account"),
                           QStringLiteral("-1")}
            << "-1";
        QTest::newRow("list with an argument")
            << QStringList{QStringLiteral("list"), QStringLiteral("1")} << "list";
    }

    void accountsBadUsage()
    {
        QFETCH(QStringList, what);
        QFETCH(QString, mentions);
        const QString store = seededStore();
        const QByteArray before = readFile(store).value();
        const auto r = runCli(accounts(what, store));
        QVERIFY2(r.exitCode == 2, said(r).constData());
        QVERIFY2(r.err.contains(mentions.toUtf8()), said(r).constData());
        QCOMPARE(readFile(store).value(), before);
    }

    // A Response issued elsewhere goes through the JIT core too; the second
    // process to present it is refused at "replay".
    void spVerifyIntoTheStore()
    {
        const QString response = newFile(QStringLiteral("response.b64"));
        const auto issued = runCli(
            {QStringLiteral("idp"), QStringLiteral("issue"), QStringLiteral("--person"),
             QStringLiteral("alice"), QStringLiteral("--preset"), QStringLiteral("okta"),
             QStringLiteral("--sp-metadata"),
             test::sourcePath(QStringLiteral("samples/sp-metadata.xml")),
             QStringLiteral("--key-dir"), test::testKeyDir(), QStringLiteral("--in-response-to"),
             QStringLiteral("_req1"), QStringLiteral("--now"),
             QStringLiteral("2026-03-02T09:30:00Z"), QStringLiteral("--out"), response});
        QVERIFY2(issued.exitCode == 0, said(issued).constData());
        const QString store = newFile(QStringLiteral("store.db"));
        const QStringList verify{QStringLiteral("sp"),
                                 QStringLiteral("verify"),
                                 response,
                                 QStringLiteral("--sp"),
                                 test::sourcePath(QStringLiteral("samples/sp-config.yaml")),
                                 QStringLiteral("--store"),
                                 store,
                                 QStringLiteral("--policy"),
                                 policyPath(),
                                 QStringLiteral("--preset"),
                                 QStringLiteral("okta"),
                                 QStringLiteral("--in-response-to"),
                                 QStringLiteral("_req1"),
                                 QStringLiteral("--now"),
                                 QStringLiteral("2026-03-02T09:31:00Z"),
                                 QStringLiteral("--json")};

        const auto first = runCli(verify);
        QVERIFY2(first.exitCode == 0, said(first).constData());
        const QJsonObject o = object(first);
        QVERIFY(!o.contains(QStringLiteral("issued")));
        const QJsonObject outcome = o.value(QStringLiteral("outcome")).toObject();
        QCOMPARE(outcome.value(QStringLiteral("action")).toString(), QStringLiteral("created"));
        QCOMPARE(
            strings(
                outcome.value(QStringLiteral("account")).toObject().value(QStringLiteral("roles"))),
            QStringList{QStringLiteral("engineer")});
        const QByteArray before = storeState(store);

        const auto second = runCli(verify);
        QVERIFY2(second.exitCode == 1, said(second).constData());
        const QJsonObject report = object(second).value(QStringLiteral("report")).toObject();
        QCOMPARE(strings(report.value(QStringLiteral("failed"))),
                 QStringList{QStringLiteral("replay")});
        QVERIFY(!object(second).contains(QStringLiteral("outcome")));
        QCOMPARE(storeState(store), before);

        // The record is the store's: another store takes the same Response.
        QStringList elsewhere = verify;
        elsewhere[elsewhere.indexOf(store)] = newFile(QStringLiteral("other.db"));
        const auto other = runCli(elsewhere);
        QVERIFY2(other.exitCode == 0, said(other).constData());

        // Without --store, the policy has nothing to act on.
        QStringList noStore = verify;
        noStore.removeAt(noStore.indexOf(QStringLiteral("--store")) + 1);
        noStore.removeOne(QStringLiteral("--store"));
        const auto usage = runCli(noStore);
        QVERIFY2(usage.exitCode == 2, said(usage).constData());
        QVERIFY(usage.err.contains("--store"));

        QStringList badPreset = verify;
        badPreset[badPreset.indexOf(QStringLiteral("okta"))] = QStringLiteral("keycloak");
        const auto unknown = runCli(badPreset);
        QVERIFY2(unknown.exitCode == 2, said(unknown).constData());
        QVERIFY(unknown.err.contains("keycloak"));
        QCOMPARE(storeState(store), before);
    }

    // The NameID becomes the link's subject and, with no user name claim, the
    // user name: Qt placeholders and a newline in it are data too.
    void hostileNameId()
    {
        const QString store = newFile(QStringLiteral("store.db"));
        const QString nameId = QStringLiteral("eve%6%5%1\nJIT: CREATED account #666");
        const QByteArray shown = displayValue(nameId).toUtf8();
        const auto r =
            runCli(login(QStringLiteral("alice"), store,
                         {QStringLiteral("--nameid"), nameId, QStringLiteral("--summary")}));
        QVERIFY2(r.exitCode == 0, said(r).constData());
        QVERIFY2(r.out.startsWith("SP: ACCEPTED " + shown + " ("), said(r).constData());
        QVERIFY(!lineStartsWith(r.out, "JIT: CREATED account #666"));

        const auto json = runCli(accounts(
            {QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--json")}, store));
        QCOMPARE(json.exitCode, 0);
        const QJsonObject account = object(json);
        QCOMPARE(account.value(QStringLiteral("profile"))
                     .toObject()
                     .value(QStringLiteral("userName"))
                     .toString(),
                 nameId);
        QCOMPARE(account.value(QStringLiteral("links"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("subject"))
                     .toString(),
                 nameId);
        for (const QString& what : {QStringLiteral("list"), QStringLiteral("audit")}) {
            const auto text = runCli(accounts({what}, store));
            QCOMPARE(text.exitCode, 0);
            QVERIFY2(text.out.contains(shown), text.out.constData());
            QVERIFY(!lineStartsWith(text.out, "JIT: CREATED account #666"));
        }
    }

    void hostileClaimValues_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("xmlCarriesIt");
        QTest::newRow("newline forging a report line")
            << QStringLiteral("Ali\nJIT: CREATED account #666") << true;
        QTest::newRow("carriage return")
            << QStringLiteral("Ali\rJIT: CREATED account #666") << true;
        QTest::newRow("tab") << QStringLiteral("Ali\tce") << true;
        QTest::newRow("C1 CSI (8-bit ANSI escape)")
            << QString(QChar(0x9b)) + QStringLiteral("31mRed") << true;
        QTest::newRow("bidi override")
            << QString(QChar(0x202e)) + QStringLiteral("gnp.exe") << true;
        QTest::newRow("spreadsheet formula") << QStringLiteral("=cmd|' /C calc'!A0") << true;
        QTest::newRow("markup") << QStringLiteral("<script>alert(1)</script>") << true;
        // XML 1.0 has no form for U+001B: the IdP's message is not
        // well-formed and the SP refuses it.
        QTest::newRow("ANSI escape (ESC)") << QStringLiteral("\x1b[31mRed") << false;
    }

    void hostileClaimValues()
    {
        QFETCH(QString, value);
        QFETCH(bool, xmlCarriesIt);
        const QString store = newFile(QStringLiteral("store.db"));
        const QString shown = displayValue(value);
        const bool escaped = shown != value;
        const QByteArray raw = value.toUtf8();

        const auto r =
            runCli(login(QStringLiteral("alice"), store,
                         {QStringLiteral("--attr"), QStringLiteral("firstName=") + value}));
        QVERIFY(!r.out.contains('\x1b'));
        if (!xmlCarriesIt) {
            QVERIFY2(r.exitCode == 1, said(r).constData());
            QVERIFY(r.out.contains("FAIL  xml.parse"));
            const auto list =
                runCli(accounts({QStringLiteral("list"), QStringLiteral("--json")}, store));
            QCOMPARE(array(list).size(), 0);
            return;
        }
        QVERIFY2(r.exitCode == 0, said(r).constData());
        // What the IdP noted and the JIT core did: escaped.
        const QByteArray jit = r.out.mid(r.out.lastIndexOf("\nJIT: "));
        QVERIFY2(jit.startsWith("\nJIT: CREATED account #1\n"), jit.constData());
        QVERIFY(jit.contains("givenName: (none) -> " + shown.toUtf8() + '\n'));
        QVERIFY(r.out.contains("note: override: attribute firstName = " + shown.toUtf8() + '\n'));
        // The SP report's attribute lines escape them too.
        if (escaped)
            QVERIFY2(!r.out.contains(raw), said(r).constData());
        else
            QVERIFY(r.out.contains("firstName = " + raw + '\n'));

        // Stored literally.
        const auto json = runCli(accounts(
            {QStringLiteral("show"), QStringLiteral("1"), QStringLiteral("--json")}, store));
        QCOMPARE(json.exitCode, 0);
        const QJsonObject account = object(json);
        QCOMPARE(account.value(QStringLiteral("profile"))
                     .toObject()
                     .value(QStringLiteral("givenName"))
                     .toString(),
                 value);
        QCOMPARE(account.value(QStringLiteral("audit"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("diff"))
                     .toArray()
                     .at(2)
                     .toObject()
                     .value(QStringLiteral("after"))
                     .toString(),
                 value);

        // Printed escaped by `accounts`.
        for (const QString& what : {QStringLiteral("show"), QStringLiteral("audit")}) {
            QStringList args{what};
            if (what == QLatin1String("show"))
                args << QStringLiteral("1");
            const auto text = runCli(accounts(args, store));
            QCOMPARE(text.exitCode, 0);
            QVERIFY2(text.out.contains(shown.toUtf8()), text.out.constData());
            if (escaped)
                QVERIFY2(!text.out.contains(raw), text.out.constData());
            QVERIFY(!text.out.contains('\x1b'));
            QVERIFY(!text.out.contains("\xc2\x9b"));
            QVERIFY(!text.out.contains('\r'));
            QVERIFY(!lineStartsWith(text.out, "JIT: CREATED account #666"));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliLogin)
#include "test_cli_login.moc"
