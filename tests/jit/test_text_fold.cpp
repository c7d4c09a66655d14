// Folding and look-alike keys: what compares equal, what only looks equal,
// and what stays apart on purpose.
#include "jit/text_fold.h"

#include <QTest>

using namespace jh::jit;

class TestTextFold : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fold_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("equal");
        const QString alice = QStringLiteral("alice@x.example");
        QTest::newRow("case") << QStringLiteral("Alice@X.Example") << alice << true;
        QTest::newRow("full-width")
            << QStringLiteral("\uFF21\uFF4C\uFF49\uFF43\uFF45@x.example") << alice << true;
        QTest::newRow("ligature fi")
            << QStringLiteral("\uFB01ona") << QStringLiteral("FIONA") << true;
        QTest::newRow("composed vs decomposed")
            << QStringLiteral("Ren\u00E9e") << QStringLiteral("RENE\u0301E") << true;
        QTest::newRow("modifier capital folds like the letter")
            << QStringLiteral("\u1D2Clice") << QStringLiteral("alice") << true;
        QTest::newRow("Cyrillic a stays apart")
            << QStringLiteral("\u0430lice") << alice.left(5) << false;
        QTest::newRow("sharp s stays apart (simple folding)")
            << QStringLiteral("stra\u00DFe") << QStringLiteral("STRASSE") << false;
        QTest::newRow("different people")
            << QStringLiteral("alice") << QStringLiteral("alicia") << false;
    }

    void fold()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, equal);
        QCOMPARE(foldForComparison(a) == foldForComparison(b), equal);
        // Folding a fold changes nothing: callers may pass either.
        QCOMPARE(foldForComparison(foldForComparison(a)), foldForComparison(a));
        QCOMPARE(confusableSkeleton(confusableSkeleton(a)), confusableSkeleton(a));
    }

    void skeleton_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("skeleton");
        QTest::newRow("Latin") << QStringLiteral("Alice") << QStringLiteral("alice");
        QTest::newRow("Cyrillic small a")
            << QStringLiteral("\u0430lice") << QStringLiteral("alice");
        QTest::newRow("Cyrillic capitals")
            << QStringLiteral("\u0410\u0412\u0421") << QStringLiteral("abc");
        QTest::newRow("Greek capital nu is N")
            << QStringLiteral("\u039D\u0399\u039A\u0395") << QStringLiteral("nike");
        QTest::newRow("Greek small nu is v")
            << QStringLiteral("\u03BDery") << QStringLiteral("very");
        QTest::newRow("paypal") << QStringLiteral("p\u0430yp\u0430l") << QStringLiteral("paypal");
        QTest::newRow("digits are not letters")
            << QStringLiteral("paypa1") << QStringLiteral("paypa1");
        QTest::newRow("a real Cyrillic word keeps its other letters")
            << QStringLiteral("\u0438\u0432\u0430\u043D") << QStringLiteral("\u0438\u0432a\u043D");
    }

    void skeleton()
    {
        QFETCH(QString, text);
        QFETCH(QString, skeleton);
        QCOMPARE(confusableSkeleton(text), skeleton);
    }

    void mixedScripts_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("mixed");
        QTest::newRow("Latin") << QStringLiteral("alice@x.example") << false;
        QTest::newRow("Latin with accents") << QStringLiteral("ren\u00E9e@x.example") << false;
        QTest::newRow("Cyrillic name, Latin domain")
            << QStringLiteral("\u0438\u0432\u0430\u043D@x.example") << false;
        QTest::newRow("Cyrillic a in a Latin word")
            << QStringLiteral("p\u0430ypal.example") << true;
        QTest::newRow("Greek omicron in a Latin word") << QStringLiteral("g\u03BFogle") << true;
        QTest::newRow("digits and punctuation") << QStringLiteral("123-456_789") << false;
        QTest::newRow("combining mark") << QStringLiteral("rene\u0301e") << false;
        QTest::newRow("empty") << QString() << false;
    }

    void mixedScripts()
    {
        QFETCH(QString, text);
        QFETCH(bool, mixed);
        QCOMPARE(hasMixedScripts(text), mixed);
    }
};

QTEST_GUILESS_MAIN(TestTextFold)
#include "test_text_fold.moc"
