// RevisionWriter: new migration files that read back as written.

#include "project/migrationparser.h"
#include "project/project.h"
#include "project/revisionwriter.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;

class TestRevisionWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(Project::init(dir.path()).ok());
        auto project = Project::open(dir.path());
        QVERIFY(project.ok());
        NewRevision spec;
        spec.revisionId = QStringLiteral("feed01");
        spec.message = QStringLiteral("Add users & roles!");
        spec.downRevisions = {QStringLiteral("a1"), QStringLiteral("b2")};
        spec.branchLabels = {QStringLiteral("auth")};
        spec.dependsOn = {QStringLiteral("lib")};
        spec.transactional = false;
        spec.upgradeSql = QStringLiteral("CREATE TABLE users (id INTEGER);");
        spec.downgradeSql = QStringLiteral("DROP TABLE users;");
        auto path = RevisionWriter::write(*project, spec);
        QVERIFY2(path.ok(), path.ok() ? "" : qPrintable(path.error().toString()));
        QVERIFY(path->endsWith(QStringLiteral("/feed01_add_users_roles.sql")));
        QFile f(*path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        auto m = MigrationParser::parse(*path, f.readAll());
        QVERIFY(m.ok());
        QCOMPARE(m->revision, spec.revisionId);
        QCOMPARE(m->downRevisions, spec.downRevisions);
        QCOMPARE(m->branchLabels, spec.branchLabels);
        QCOMPARE(m->dependsOn, spec.dependsOn);
        QCOMPARE(m->message, spec.message);
        QCOMPARE(m->transactional, false);
        QVERIFY(m->hasDowngrade);
        QCOMPARE(m->upgradeSql.trimmed(), spec.upgradeSql);
        QVERIFY(!m->createDate.isEmpty());
    }

    void refusals()
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
        auto used = RevisionWriter::write(*project, spec);
        QVERIFY(!used.ok());
        QVERIFY(used.error().message.contains(QStringLiteral("already used")));
        spec.revisionId = QStringLiteral("bad-id");
        QVERIFY(!RevisionWriter::write(*project, spec).ok());
        spec.revisionId = QStringLiteral("two2");
        spec.message = QStringLiteral("two\nlines");
        QVERIFY(!RevisionWriter::write(*project, spec).ok());
    }

    void generatedIds()
    {
        const QString a = RevisionWriter::generateRevisionId();
        const QString b = RevisionWriter::generateRevisionId();
        static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{12}$"));
        QVERIFY(hex.match(a).hasMatch());
        QVERIFY(hex.match(b).hasMatch());
        QVERIFY(a != b);
    }
};

QTEST_GUILESS_MAIN(TestRevisionWriter)
#include "tst_revisionwriter.moc"
