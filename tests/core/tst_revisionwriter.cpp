// RevisionWriter: new migration files that read back as written.

#include "project/migrationparser.h"
#include "project/project.h"
#include "project/revisionwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestRevisionWriter : public QObject
{
    Q_OBJECT

    static QByteArray read(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // A fresh project in dir, opened.
    static Project newProject(const QTemporaryDir &dir)
    {
        if (!Project::init(dir.path()).ok())
            return {};
        auto project = Project::open(dir.path());
        return project.ok() ? *project : Project();
    }

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        const Project project = newProject(dir);
        QVERIFY(!project.rootDir().isEmpty());
        NewRevision spec;
        spec.revisionId = QStringLiteral("feed01");
        spec.message = QStringLiteral("Add users & roles: the first cut!");
        spec.downRevisions = {QStringLiteral("a1"), QStringLiteral("b2")};
        spec.branchLabels = {QStringLiteral("auth")};
        spec.dependsOn = {QStringLiteral("lib"), QStringLiteral("c3")};
        spec.transactional = false;
        spec.createDate = QDateTime(QDate(2026, 11, 20), QTime(10, 5, 9));
        spec.upgradeSql = QStringLiteral("CREATE TABLE users (id INTEGER);\n-- a comment\n");
        spec.downgradeSql = QStringLiteral("DROP TABLE users;");
        auto path = RevisionWriter::write(project, spec);
        QVERIFY2(path.ok(), path.ok() ? "" : qPrintable(path.error().toString()));
        QCOMPARE(*path, QDir(project.versionsDir())
                            .filePath(QStringLiteral("feed01_add_users_roles_the_first_cut.sql")));

        const QByteArray bytes = read(*path);
        QVERIFY(bytes.startsWith("-- revision: feed01\n-- down_revision: a1, b2\n"));
        QVERIFY(bytes.contains("\n-- create_date: 2026-11-20 10:05:09\n"));
        auto m = MigrationParser::parse(*path, bytes);
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QCOMPARE(m->revision, spec.revisionId);
        QCOMPARE(m->downRevisions, spec.downRevisions);
        QCOMPARE(m->branchLabels, spec.branchLabels);
        QCOMPARE(m->dependsOn, spec.dependsOn);
        QCOMPARE(m->message, spec.message);
        QCOMPARE(m->createDate, QStringLiteral("2026-11-20 10:05:09"));
        QCOMPARE(m->transactional, false);
        QCOMPARE(m->upgradeSql.trimmed(), spec.upgradeSql.trimmed());
        QVERIFY(m->hasDowngrade);
        QCOMPARE(m->downgradeSql.trimmed(), spec.downgradeSql);
        QCOMPARE(m->filePath, *path);

        // The project sees it on the next open.
        auto reopened = Project::open(project.rootDir());
        QVERIFY(reopened.ok());
        QCOMPARE(reopened->migrations().size(), 1);
        QCOMPARE(reopened->migrations().first().revision, spec.revisionId);
    }

    void plainBaseRevision()
    {
        QTemporaryDir dir;
        const Project project = newProject(dir);
        NewRevision spec;
        spec.message = QStringLiteral("  first  ");
        auto path = RevisionWriter::write(project, spec);
        QVERIFY2(path.ok(), path.ok() ? "" : qPrintable(path.error().toString()));
        static const QRegularExpression name(QStringLiteral("/([0-9a-f]{12})_first\\.sql$"));
        const auto match = name.match(*path);
        QVERIFY2(match.hasMatch(), qPrintable(*path));

        const QByteArray bytes = read(*path);
        QVERIFY(bytes.contains("\n-- down_revision:\n"));
        QVERIFY(bytes.contains("\n-- message: first\n"));
        // Defaults stay out of the header; both sections are there.
        QVERIFY(!bytes.contains("transactional"));
        QVERIFY(!bytes.contains("branch_labels"));
        QVERIFY(!bytes.contains("depends_on"));
        QVERIFY(bytes.contains("\n-- +upgrade\n"));
        QVERIFY(bytes.contains("\n-- +downgrade\n"));
        auto m = MigrationParser::parse(*path, bytes);
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().toString()));
        QCOMPARE(m->revision, match.captured(1));
        QVERIFY(m->downRevisions.isEmpty());
        QVERIFY(m->transactional);
        QVERIFY(m->hasDowngrade);
        QVERIFY(m->upgradeSql.trimmed().isEmpty());
        // create_date defaults to now.
        const QDateTime created =
            QDateTime::fromString(m->createDate, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QVERIFY(created.isValid());
        QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTime())) < 120);
    }

    void fileNameSlug()
    {
        QTemporaryDir dir;
        const Project project = newProject(dir);
        NewRevision spec;
        spec.revisionId = QStringLiteral("r1");
        spec.message = QStringLiteral("Ajouter la table élèves -- puis INDEX (email) et beaucoup "
                                      "d'autres choses encore");
        auto path = RevisionWriter::write(project, spec);
        QVERIFY2(path.ok(), path.ok() ? "" : qPrintable(path.error().toString()));
        const QString base = QFileInfo(*path).completeBaseName();
        QVERIFY(base.startsWith(QStringLiteral("r1_ajouter_la_table_")));
        const QString slug = base.mid(3);
        QVERIFY(slug.size() <= 40);
        static const QRegularExpression allowed(QStringLiteral("^[a-z0-9_]+$"));
        QVERIFY2(allowed.match(slug).hasMatch(), qPrintable(slug));
        QVERIFY(!slug.endsWith(QLatin1Char('_')));

        spec.revisionId = QStringLiteral("r2");
        spec.message = QStringLiteral("!!!");
        auto bare = RevisionWriter::write(project, spec);
        QVERIFY(bare.ok());
        QCOMPARE(QFileInfo(*bare).fileName(), QStringLiteral("r2.sql"));
    }

    void refusesAUsedId()
    {
        QTemporaryDir dir;
        QVERIFY(Project::init(dir.path()).ok());
        NewRevision spec;
        spec.revisionId = QStringLiteral("one1");
        spec.message = QStringLiteral("first");
        {
            auto project = Project::open(dir.path());
            QVERIFY(RevisionWriter::write(*project, spec).ok());
        }
        auto project = Project::open(dir.path());
        QVERIFY(project.ok());
        spec.message = QStringLiteral("another name, same id");
        auto used = RevisionWriter::write(*project, spec);
        QVERIFY(!used.ok());
        QVERIFY(used.error().message.contains(QStringLiteral("already used")));
        QVERIFY(used.error().message.contains(QStringLiteral("one1_first.sql")));
        QCOMPARE(QDir(project->versionsDir()).entryList(QDir::Files).size(), 1);
    }

    void refusesToOverwrite()
    {
        QTemporaryDir dir;
        const Project project = newProject(dir);
        // A file of that name, not (yet) a migration of the opened project.
        const QString taken = QDir(project.versionsDir()).filePath(QStringLiteral("x1_hello.sql"));
        {
            QFile f(taken);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("keep me");
        }
        NewRevision spec;
        spec.revisionId = QStringLiteral("x1");
        spec.message = QStringLiteral("hello");
        auto result = RevisionWriter::write(project, spec);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(QStringLiteral("already exists")));
        QCOMPARE(read(taken), QByteArray("keep me"));
    }

    void refusesMalformedInput_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("word");
        QTest::newRow("bad id") << QStringLiteral("id") << QStringLiteral("bad-id")
                                << QStringLiteral("'-'");
        QTest::newRow("long id") << QStringLiteral("id") << QString(33, QLatin1Char('a'))
                                 << QStringLiteral("at most 32");
        // Ids that targets would read otherwise: the reserved words, and short all-digit ids
        // (`downgrade 1`, a typo for `-1`).
        for (const char *word : {"head", "heads", "base", "current", "HEAD", "Base"})
            QTest::addRow("reserved id %s", word)
                << QStringLiteral("id") << QString(QLatin1String(word))
                << QStringLiteral("targets use");
        for (const char *digits : {"1", "12", "007"})
            QTest::addRow("short all-digit id %s", digits)
                << QStringLiteral("id") << QString(QLatin1String(digits))
                << QStringLiteral("shorter than 4");
        QTest::newRow("relative step as id")
            << QStringLiteral("id") << QStringLiteral("-1") << QStringLiteral("'-'");
        QTest::newRow("bad parent")
            << QStringLiteral("parent") << QStringLiteral("a b") << QStringLiteral("' '");
        QTest::newRow("empty parent")
            << QStringLiteral("parent") << QString() << QStringLiteral("empty revision id");
        QTest::newRow("self parent")
            << QStringLiteral("parent") << QStringLiteral("new1") << QStringLiteral("itself");
        QTest::newRow("bad label")
            << QStringLiteral("label") << QStringLiteral("web@x") << QStringLiteral("'@'");
        QTest::newRow("bad dependency")
            << QStringLiteral("depends") << QStringLiteral("a,b") << QStringLiteral("','");
        QTest::newRow("two-line message")
            << QStringLiteral("message") << QStringLiteral("two\nlines")
            << QStringLiteral("single line");
        QTest::newRow("marker in the SQL")
            << QStringLiteral("upgrade") << QStringLiteral("SELECT 1;\n-- +downgrade\nSELECT 2;")
            << QStringLiteral("second '-- +downgrade'");
    }

    void refusesMalformedInput()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, word);
        QTemporaryDir dir;
        const Project project = newProject(dir);
        NewRevision spec;
        spec.revisionId = QStringLiteral("new1");
        spec.message = QStringLiteral("new");
        if (field == QLatin1String("id"))
            spec.revisionId = value;
        else if (field == QLatin1String("parent"))
            spec.downRevisions = {QStringLiteral("ok1"), value};
        else if (field == QLatin1String("label"))
            spec.branchLabels = {value};
        else if (field == QLatin1String("depends"))
            spec.dependsOn = {value};
        else if (field == QLatin1String("message"))
            spec.message = value;
        else
            spec.upgradeSql = value;
        auto result = RevisionWriter::write(project, spec);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(word), qPrintable(result.error().message));
        QVERIFY(QDir(project.versionsDir()).isEmpty()); // nothing written
    }

    // Four digits, or digits with a letter, are ids like any other.
    void acceptsLongerOrMixedIds()
    {
        QTemporaryDir dir;
        const Project project = newProject(dir);
        for (const char *id : {"0001", "1a", "heads2"}) {
            NewRevision spec;
            spec.revisionId = QLatin1String(id);
            spec.message = QStringLiteral("ok %1").arg(QLatin1String(id));
            auto result = RevisionWriter::write(project, spec);
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        }
    }

    void generatedIds()
    {
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{12}$"));
        QSet<QString> seen;
        for (int i = 0; i < 200; ++i) {
            const QString id = RevisionWriter::generateRevisionId();
            QVERIFY2(hex.match(id).hasMatch(), qPrintable(id));
            QVERIFY(MigrationParser::revisionIdProblem(id).isEmpty());
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 200);
    }
};

QTEST_GUILESS_MAIN(TestRevisionWriter)
#include "tst_revisionwriter.moc"
