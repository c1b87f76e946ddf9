// sqlTokens(), sqlTokenList() and normalizeSql() (schema/sqltokens.h): SQLite's tokenizer rules
// for identifiers, keywords, quoted names, strings, blobs, numbers, variables, operators and
// comments, and one canonical text for texts that differ only in whitespace, comments, case or
// quoting.

#include "schema/sqltokens.h"

#include <QRandomGenerator>
#include <QTest>

using namespace strata::schema;

class TestSqlTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tokens_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QStringList>("tokens");
        auto list = [](const char *joined) {
            return QString::fromUtf8(joined).split(QLatin1Char('\x01'));
        };
        QTest::newRow("words and punctuation") << QStringLiteral("SELECT a,b FROM t;")
                                               << list("SELECT\x01"
                                                       "a\x01,\x01"
                                                       "b\x01"
                                                       "FROM\x01t\x01;");
        QTest::newRow("identifier characters") << QStringLiteral("_x1$y ü9 a$")
                                               << list("_x1$y\x01ü9\x01"
                                                       "a$");
        QTest::newRow("string with doubled quote")
            << QStringLiteral("'it''s' 'a'") << list("'it''s'\x01'a'");
        QTest::newRow("quoted names of three kinds")
            << QStringLiteral("\"a \"\"b\"\"\" [c d] `e``f`")
            << list("\"a \"\"b\"\"\"\x01[c d]\x01`e``f`");
        QTest::newRow("blob") << QStringLiteral("X'0A1b' x''") << list("X'0A1b'\x01x''");
        QTest::newRow("x as a word") << QStringLiteral("x + xy") << list("x\x01+\x01xy");
        QTest::newRow("numbers") << QStringLiteral("1 1.5 .5 1e5 1.5E-3 2e+7 0x1F 0XaB 7.")
                                 << list("1\x01"
                                         "1.5\x01.5\x01"
                                         "1e5\x01"
                                         "1.5E-3\x01"
                                         "2e+7\x01"
                                         "0x1F\x01"
                                         "0XaB\x01"
                                         "7.");
        QTest::newRow("exponent without digits is a word after the number")
            << QStringLiteral("1e") << list("1e");
        QTest::newRow("operators")
            << QStringLiteral("a||b<=c>=d<>e!=f==g<<h>>i=j<k>l->m->>n%o&p|q~r")
            << list("a\x01||\x01"
                    "b\x01<=\x01"
                    "c\x01>=\x01"
                    "d\x01<>\x01"
                    "e\x01!=\x01"
                    "f\x01==\x01"
                    "g\x01<<\x01h\x01>>\x01i\x01=\x01j\x01<\x01k\x01>\x01l\x01->\x01m\x01->>"
                    "\x01n\x01%"
                    "\x01o\x01&\x01p\x01|\x01q\x01~\x01r");
        QTest::newRow("minus and comment") << QStringLiteral("a - b -- c\n- d/*e*/ / f /* g")
                                           << list("a\x01-\x01"
                                                   "b\x01-\x01"
                                                   "d\x01/\x01"
                                                   "f");
        QTest::newRow("comment markers inside literals")
            << QStringLiteral("'--x' \"/*y*/\" [--]") << list("'--x'\x01\"/*y*/\"\x01[--]");
        QTest::newRow("variables")
            << QStringLiteral("? ?12 :name @v $w") << list("?\x01?12\x01:name\x01@v\x01$w");
        QTest::newRow("unterminated string runs to the end")
            << QStringLiteral("a 'b c") << list("a\x01'b c");
        QTest::newRow("unterminated quoted name runs to the end")
            << QStringLiteral("a [b c") << list("a\x01[b c");
        QTest::newRow("whitespace of every kind") << QStringLiteral("\ta\r\n\fb ")
                                                  << list("a\x01"
                                                          "b");
    }

    void tokens()
    {
        QFETCH(QString, sql);
        QFETCH(QStringList, tokens);
        QCOMPARE(sqlTokens(sql), tokens);
        QStringList texts;
        for (const SqlToken &token : sqlTokenList(sql)) {
            QCOMPARE(sql.mid(token.start, token.length), token.text);
            texts.append(token.text);
        }
        QCOMPARE(texts, tokens);
    }

    void kinds()
    {
        const QList<SqlToken> tokens =
            sqlTokenList(QStringLiteral("select \"a\" 'b' x'00' 1.5 :v ( ->>"));
        const QList<SqlToken::Kind> kinds = {SqlToken::Kind::Word,     SqlToken::Kind::QuotedName,
                                             SqlToken::Kind::String,   SqlToken::Kind::Blob,
                                             SqlToken::Kind::Number,   SqlToken::Kind::Variable,
                                             SqlToken::Kind::Operator, SqlToken::Kind::Operator};
        QCOMPARE(tokens.size(), kinds.size());
        for (qsizetype i = 0; i < kinds.size(); ++i)
            QCOMPARE(tokens.at(i).kind, kinds.at(i));
        QVERIFY(tokens.first().isWord(QLatin1String("SELECT")));
        QVERIFY(!tokens.at(1).isWord(QLatin1String("a")));
        QVERIFY(tokens.at(1).isName());
    }

    void tokenName()
    {
        QCOMPARE(sqlTokenName(sqlTokenList(QStringLiteral("\"a \"\"b\"\"\"")).first()),
                 QStringLiteral("a \"b\""));
        QCOMPARE(sqlTokenName(sqlTokenList(QStringLiteral("[Order Lines]")).first()),
                 QStringLiteral("Order Lines"));
        QCOMPARE(sqlTokenName(sqlTokenList(QStringLiteral("`a``b`")).first()),
                 QStringLiteral("a`b"));
        QCOMPARE(sqlTokenName(sqlTokenList(QStringLiteral("Plain")).first()),
                 QStringLiteral("Plain"));
    }

    void normalize_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("whitespace and case") << QStringLiteral("  SELECT\n\tA ,B   FROM  T  ")
                                             << QStringLiteral("select a , b from t");
        QTest::newRow("comments dropped") << QStringLiteral("select /* why */ a -- because\nfrom t")
                                          << QStringLiteral("select a from t");
        QTest::newRow("plain quoted names unquoted and lower-cased")
            << QStringLiteral("SELECT \"Price\", [qty], `Total_2` FROM \"Order\"")
            << QStringLiteral("select price , qty , total_2 from order");
        QTest::newRow("other quoted names double-quoted")
            << QStringLiteral("SELECT [Unit Price], `a\"b`, \"x-y\", \"1st\" FROM t")
            << QStringLiteral("select \"unit price\" , \"a\"\"b\" , \"x-y\" , \"1st\" from t");
        QTest::newRow("strings as written") << QStringLiteral("SELECT 'It''s  MIXED', 'a' || 'B'")
                                            << QStringLiteral("select 'It''s  MIXED' , 'a' || 'B'");
        QTest::newRow("numbers and blobs of either case")
            << QStringLiteral("SELECT 1E5, 0X1F, X'AB'")
            << QStringLiteral("select 1e5 , 0x1f , x'ab'");
        QTest::newRow("non-ASCII letters keep their case")
            << QStringLiteral("SELECT Ärger, \"Öl\" FROM t")
            << QStringLiteral("select Ärger , \"Öl\" from t");
        QTest::newRow("operators kept") << QStringLiteral("a<>b AND c!=d OR e==f")
                                        << QStringLiteral("a <> b and c != d or e == f");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only a comment") << QStringLiteral("-- nothing") << QString();
    }

    void normalize()
    {
        QFETCH(QString, sql);
        QFETCH(QString, normalized);
        QCOMPARE(normalizeSql(sql), normalized);
    }

    void variantsNormalizeAlike()
    {
        const QString a = QStringLiteral(
            "CREATE VIEW v AS SELECT o.id, o.\"Total\" FROM orders o WHERE o.total > 0");
        const QString b = QStringLiteral("create view V as\n  select O.ID , [o].total -- sum\n"
                                         "  from \"ORDERS\" O where o.TOTAL>0");
        QCOMPARE(normalizeSql(a), normalizeSql(b));
        QVERIFY(normalizeSql(a) !=
                normalizeSql(QString(a).replace(QLatin1String("> 0"), QLatin1String(">= 0"))));
        QVERIFY(normalizeSql(QStringLiteral("SELECT 'a'")) !=
                normalizeSql(QStringLiteral("SELECT 'A'")));
    }

    void names()
    {
        QCOMPARE(normalizedName(QStringLiteral("Order")), QStringLiteral("order"));
        QCOMPARE(normalizedName(QStringLiteral("Unit Price")), QStringLiteral("\"unit price\""));
        QCOMPARE(normalizedName(QStringLiteral("a\"b")), QStringLiteral("\"a\"\"b\""));
        QCOMPARE(normalizedName(QStringLiteral("9lives")), QStringLiteral("\"9lives\""));
        QCOMPARE(asciiLower(QStringLiteral("ÄbC")), QStringLiteral("Äbc"));
    }

    // Any text, cut anywhere: every token is the text at its offset, nothing but whitespace and
    // comments lies between tokens, and normalizing twice changes nothing more.
    void anyText()
    {
        const QString alphabet = QStringLiteral("aZ_$09.xX'\"[]`-/*+<>=!|(),;:?@ \n\tü");
        QRandomGenerator random(16); // fixed: the same texts every run
        for (int round = 0; round < 3000; ++round) {
            QString sql;
            const int length = random.bounded(1, 24);
            for (int i = 0; i < length; ++i)
                sql += alphabet.at(random.bounded(int(alphabet.size())));
            qsizetype end = 0;
            for (const SqlToken &token : sqlTokenList(sql)) {
                QCOMPARE(sql.mid(token.start, token.length), token.text);
                QVERIFY2(token.start >= end, qPrintable(sql));
                end = token.start + token.length;
            }
            QVERIFY(end <= sql.size());
            const QString once = normalizeSql(sql);
            QVERIFY2(normalizeSql(once) == once, qPrintable(sql + QStringLiteral(" -> ") + once));
        }
    }

    // Many statements in one text stay one token stream: a large schema normalizes whole.
    void largeText()
    {
        QString sql;
        for (int i = 0; i < 2000; ++i)
            sql += QStringLiteral("CREATE TABLE \"T%1\" (id INTEGER PRIMARY KEY, "
                                  "name TEXT DEFAULT 'x' CHECK (length(name) > 0));\n")
                       .arg(i);
        const QStringList tokens = sqlTokens(sql);
        QCOMPARE(tokens.size(), 2000 * 24);
        QVERIFY(normalizeSql(sql).startsWith(QLatin1String("create table t0 ( id integer")));
    }
};

QTEST_GUILESS_MAIN(TestSqlTokens)
#include "tst_sqltokens.moc"
