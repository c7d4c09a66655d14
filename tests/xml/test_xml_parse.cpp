// The hardened parse: every hostile or broken input is refused with its own
// error id and a message naming the input; plain SAML-shaped XML passes.
#include "xml/xml_parse.h"

#include <QTest>

using namespace jh;

class TestXmlParse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("errorId"); // empty: must parse

        QTest::newRow("plain element")
            << QByteArray("<a xmlns=\"urn:x\"><b>text</b></a>") << QString();
        QTest::newRow("xml declaration and comment")
            << QByteArray("<?xml version=\"1.0\" encoding=\"UTF-8\"?><a><!-- c --><b/></a>")
            << QString();
        QTest::newRow("utf-8 text") << QByteArray("<a>Zo\xc3\xab</a>") << QString();
        QTest::newRow("internal DTD") << QByteArray("<!DOCTYPE a [<!ELEMENT a ANY>]><a/>")
                                      << QStringLiteral("xml.dtd-forbidden");
        QTest::newRow("billion laughs")
            << QByteArray(
                   "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                   "<lolz>&lol2;</lolz>")
            << QStringLiteral("xml.dtd-forbidden");
        QTest::newRow("external entity (XXE)")
            << QByteArray("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>")
            << QStringLiteral("xml.dtd-forbidden");
        QTest::newRow("external DTD")
            << QByteArray("<!DOCTYPE a SYSTEM \"http://127.0.0.1:9/x.dtd\"><a/>")
            << QStringLiteral("xml.dtd-forbidden");
        QTest::newRow("undeclared entity")
            << QByteArray("<a>&x;</a>") << QStringLiteral("xml.malformed");
        QTest::newRow("unclosed element")
            << QByteArray("<a><b></a>") << QStringLiteral("xml.malformed");
        QTest::newRow("two roots") << QByteArray("<a/><b/>") << QStringLiteral("xml.malformed");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("xml.malformed");
        QTest::newRow("too large")
            << QByteArray("<a>") + QByteArray(2 * 1024 * 1024, 'x') + QByteArray("</a>")
            << QStringLiteral("xml.too-large");
    }

    void parse()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, errorId);
        auto doc = xml::parseHardened(input, QStringLiteral("input.xml"));
        if (errorId.isEmpty()) {
            QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error().message));
            QVERIFY(xmlDocGetRootElement(doc->get()));
        } else {
            QVERIFY(!doc.ok());
            QCOMPARE(doc.error().id, errorId);
            QVERIFY2(doc.error().message.startsWith(QStringLiteral("input.xml")),
                     qPrintable(doc.error().message));
        }
    }

    void malformedNamesLine()
    {
        auto doc = xml::parseHardened(QByteArray("<a>\n<b>\n</a>"), QStringLiteral("f.xml"));
        QVERIFY(!doc.ok());
        QVERIFY2(doc.error().message.contains(QStringLiteral("line 3")),
                 qPrintable(doc.error().message));
    }

    void prettyPrintIndentsEveryLevel()
    {
        auto pretty = xml::prettyPrint("<a xmlns=\"urn:x\"><b>  text </b><c><d/></c></a>",
                                       QStringLiteral("in"));
        QVERIFY2(pretty.ok(), pretty.ok() ? "" : qPrintable(pretty.error().message));
        QVERIFY(pretty->contains(QStringLiteral("\n  <b>  text </b>\n")));
        QVERIFY(pretty->contains(QStringLiteral("\n    <d/>\n")));
    }

    void prettyPrintRefusesWhatTheParserRefuses()
    {
        auto pretty =
            xml::prettyPrint("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", QStringLiteral("in"));
        QVERIFY(!pretty.ok());
        QCOMPARE(pretty.error().id, QStringLiteral("xml.dtd-forbidden"));
    }

    void limitIsConfigurable()
    {
        const QByteArray small("<a>0123456789</a>");
        QVERIFY(xml::parseHardened(small, QStringLiteral("x"), {.maxBytes = small.size()}).ok());
        QVERIFY(
            !xml::parseHardened(small, QStringLiteral("x"), {.maxBytes = small.size() - 1}).ok());
    }
};

QTEST_GUILESS_MAIN(TestXmlParse)
#include "test_xml_parse.moc"
