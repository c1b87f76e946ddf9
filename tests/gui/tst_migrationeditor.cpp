// The migration editor as a developer meets it: problems underlined where they are and listed,
// completion from the schema, the dirty marker, find and replace, and a file changed on disk.

#include "authoring/editorarea.h"
#include "authoring/findbar.h"
#include "authoring/migrationeditor.h"
#include "authoring/sqleditor.h"
#include "files.h"

#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace strata;
using namespace strata::gui;
using strata::test::readFile;
using strata::test::writeFile;

namespace {

CheckContext postgresProject(const QString &dir)
{
    CheckContext c;
    c.revisions.insert(QStringLiteral("aaaa01"), dir + QStringLiteral("/aaaa01_orders.sql"));
    c.postgres = true;
    return c;
}

// Lines 1-3 header, 4 "-- +upgrade", 5 the first statement.
const QByteArray kGood = "-- revision: bbbb02\n-- down_revision: aaaa01\n-- message: notes\n"
                         "-- +upgrade\nCREATE TABLE notes (id bigint PRIMARY KEY, body text);\n"
                         "-- +downgrade\nDROP TABLE notes;\n";

} // namespace

class TestMigrationEditor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString file(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        if (!writeFile(path, text))
            return {};
        return path;
    }

    static void validate(MigrationEditor &editor)
    {
        QSignalSpy done(&editor, &MigrationEditor::validated);
        editor.validateNow();
        QVERIFY(done.wait(10000));
    }

private Q_SLOTS:
    void syntaxErrorIsSquiggledAtItsPosition()
    {
        const QString path = file(QStringLiteral("bbbb02_notes.sql"), kGood);
        MigrationEditor editor;
        QVERIFY(editor.load(path).ok());
        editor.setContext(postgresProject(m_dir.path()));
        validate(editor);
        QCOMPARE(editor.problems().size(), 0);

        // Type a second comma into line 5: "... PRIMARY KEY,, body text);".
        SqlEditor *sql = editor.editor();
        const int comma = int(sql->text(4).indexOf(QLatin1Char(',')));
        QVERIFY(comma > 0);
        sql->setCursorPosition(4, comma);
        sql->insert(QStringLiteral(","));
        QSignalSpy done(&editor, &MigrationEditor::validated);
        QVERIFY(done.wait(10000)); // after the typing pause, from the pool thread
        QCOMPARE(editor.problems().size(), 1);
        const LintFinding problem = editor.problems().first();
        QCOMPARE(problem.rule, QStringLiteral("syntax"));
        QCOMPARE(problem.line, 5);
        QCOMPARE(problem.column, comma + 2); // the second comma, 1-based
        QVERIFY(sql->isUnderlined(4, comma + 1, LintFinding::Severity::Error));
        QVERIFY(!sql->isUnderlined(4, comma - 1, LintFinding::Severity::Error));
        QVERIFY(!sql->isUnderlined(6, 0, LintFinding::Severity::Error));

        // The problems list names it, and activating it puts the cursor there.
        auto *list = editor.findChild<QTreeWidget *>(QStringLiteral("problemsList"));
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("5"));
        QVERIFY(list->topLevelItem(0)->text(3).contains(QStringLiteral("syntax error")));
        sql->setCursorPosition(0, 0);
        Q_EMIT list->itemActivated(list->topLevelItem(0), 0);
        int line = -1, index = -1;
        sql->getCursorPosition(&line, &index);
        QCOMPARE(line, 4);
        QCOMPARE(index, comma + 1);
    }

    void headerProblemsAndLintWarningsAreShown()
    {
        const QString path =
            file(QStringLiteral("cccc03_drop.sql"),
                 "-- revision: cccc03\n-- down_revision: nosuch\n-- +upgrade\n"
                 "SET lock_timeout = '5s';\nALTER TABLE orders DROP COLUMN note;\n"
                 "  CREATE INDEX orders_placed ON orders (placed_at);\n-- +downgrade\nSELECT 1;\n");
        MigrationEditor editor;
        QVERIFY(editor.load(path).ok());
        editor.setContext(postgresProject(m_dir.path()));
        validate(editor);
        QStringList rules;
        for (const LintFinding &p : editor.problems())
            rules << QStringLiteral("%1@%2").arg(p.rule).arg(p.line);
        QCOMPARE(rules,
                 (QStringList{QStringLiteral("unknown-parent@2"), QStringLiteral("data-loss@5"),
                              QStringLiteral("index-not-concurrent@6")}));
        QVERIFY(editor.editor()->isUnderlined(1, 3, LintFinding::Severity::Error));
        QVERIFY(editor.editor()->isUnderlined(4, 0, LintFinding::Severity::Error));
        // A warning is amber, from the statement's first character (not its indentation).
        QVERIFY(editor.editor()->isUnderlined(5, 2, LintFinding::Severity::Warning));
        QVERIFY(!editor.editor()->isUnderlined(5, 0, LintFinding::Severity::Warning));
        QVERIFY(!editor.editor()->isUnderlined(5, 2, LintFinding::Severity::Error));
        QCOMPARE(editor.errorCount(), 2);
    }

    void completionOffersCatalogNames()
    {
        SqlEditor editor;
        SchemaCatalog catalog;
        catalog.relations.append({QStringLiteral("public"),
                                  QStringLiteral("invoices"),
                                  false,
                                  {QStringLiteral("id"), QStringLiteral("amount_cents")}});
        catalog.functions.append(QStringLiteral("touch_updated_at"));
        editor.setCatalog(catalog);
        const QStringList columns = editor.completionsFor({QStringLiteral("invoices"), {}});
        QVERIFY2(columns.contains(QStringLiteral("amount_cents")), qPrintable(columns.join(u' ')));
        QVERIFY(!columns.contains(QStringLiteral("CREATE")));
        const QStringList words = editor.completionsFor({QStringLiteral("tou")});
        QVERIFY2(words.contains(QStringLiteral("touch_updated_at")), qPrintable(words.join(u' ')));
        const QStringList keywords = editor.completionsFor({QStringLiteral("CONCURR")});
        QVERIFY(keywords.contains(QStringLiteral("CONCURRENTLY")));

        // Typed: the popup after "invoices." offers the columns, and accepting one writes it.
        editor.show();
        editor.setText(QStringLiteral("SELECT invoices.amo"));
        editor.setCursorPosition(0, 19);
        editor.autoCompleteFromAPIs();
        QVERIFY(editor.isListActive());
        editor.SendScintilla(QsciScintillaBase::SCI_AUTOCCOMPLETE);
        QCOMPARE(editor.text(), QStringLiteral("SELECT invoices.amount_cents"));
    }

    void dirtyMarkerSaveAndUndo()
    {
        const QString path = file(QStringLiteral("dddd04_dirty.sql"), kGood);
        EditorArea area;
        MigrationEditor *editor = area.open(path);
        QVERIFY(editor);
        QCOMPARE(area.open(path), editor); // the same file is one tab
        QCOMPARE(area.tabs()->count(), 1);
        QCOMPARE(area.tabs()->tabText(0), QStringLiteral("dddd04_dirty.sql"));
        editor->editor()->insertAt(QStringLiteral("-- a note\n"), 3, 0);
        QVERIFY(editor->isDirty());
        QCOMPARE(area.tabs()->tabText(0), QStringLiteral("● dddd04_dirty.sql"));
        editor->editor()->undo();
        QVERIFY(!editor->isDirty());
        QCOMPARE(area.tabs()->tabText(0), QStringLiteral("dddd04_dirty.sql"));

        editor->editor()->insertAt(QStringLiteral("-- kept\n"), 7, 0);
        QVERIFY(area.saveCurrent());
        QVERIFY(!editor->isDirty());
        QCOMPARE(area.tabs()->tabText(0), QStringLiteral("dddd04_dirty.sql"));
        QVERIFY(readFile(path).endsWith("DROP TABLE notes;\n-- kept\n"));
    }

    void findAndReplace()
    {
        const QString path = file(QStringLiteral("eeee05_find.sql"), kGood);
        MigrationEditor editor;
        QVERIFY(editor.load(path).ok());
        FindBar *bar = editor.findBar();
        bar->showFind(true);
        bar->setFindText(QStringLiteral("notes"));
        QVERIFY(bar->findNext());
        QCOMPARE(editor.editor()->selectedText(), QStringLiteral("notes"));
        bar->setFindText(QStringLiteral("nowhere"));
        QVERIFY(!bar->findNext());
        bar->setFindText(QStringLiteral("notes"));
        bar->setReplaceText(QStringLiteral("remarks"));
        QCOMPARE(bar->replaceAll(), 3); // the message, CREATE and DROP
        QVERIFY(!editor.editor()->text().contains(QStringLiteral("notes")));
        editor.editor()->undo(); // one step takes the whole replace back
        QCOMPARE(editor.editor()->text().toUtf8(), kGood);
    }

    void sqliteProfileGetsSqlitesOwnChecks()
    {
        // On a SQLite profile the editor checks with SQLite's grammar, at the line and column
        // SQLite names, and says which checks apply.
        CheckContext sqlite = postgresProject(m_dir.path());
        sqlite.postgres = false;
        QByteArray text = kGood;
        text.replace("bigint PRIMARY KEY", "INTEGER PRIMARY KEY");
        const QString path = file(QStringLiteral("gggg07_sqlite.sql"), text);
        EditorArea area;
        area.setContext(sqlite);
        MigrationEditor *editor = area.open(path);
        QVERIFY(editor);
        validate(*editor);
        QCOMPARE(editor->problems().size(), 0);
        QVERIFY2(area.checksText().startsWith(QStringLiteral(
                     "Checks for SQLite: header, parents, SQLite's statement check, ")),
                 qPrintable(area.checksText()));

        SqlEditor *sql = editor->editor();
        sql->setSelection(4, 0, 4, 6); // "CREATE" -> "CREAT"
        sql->replaceSelectedText(QStringLiteral("CREAT"));
        validate(*editor);
        QCOMPARE(editor->problems().size(), 1);
        const LintFinding problem = editor->problems().first();
        QCOMPARE(problem.rule, QStringLiteral("syntax"));
        QCOMPARE(problem.line, 5);
        QCOMPARE(problem.column, 1);
        QVERIFY2(problem.message.contains(QStringLiteral("near \"CREAT\"")),
                 qPrintable(problem.message));
        QVERIFY(sql->isUnderlined(4, 0, LintFinding::Severity::Error));
        QCOMPARE(sql->marginSeverity(4), LintFinding::Severity::Error);

        area.setContext(postgresProject(m_dir.path()));
        QVERIFY2(area.checksText().startsWith(QStringLiteral(
                     "Checks for PostgreSQL: header, parents, PostgreSQL's parser, ")),
                 qPrintable(area.checksText()));
    }

    void anErrorsColourWinsOverAWarningOnItsLine()
    {
        const QString path = file(QStringLiteral("hhhh08_colours.sql"), kGood);
        MigrationEditor editor;
        QVERIFY(editor.load(path).ok());
        SqlEditor *sql = editor.editor();
        auto finding = [&](int line, int column, LintFinding::Severity severity) {
            LintFinding f;
            f.file = path;
            f.line = line;
            f.column = column;
            f.rule = QStringLiteral("rule");
            f.severity = severity;
            return f;
        };
        // Line 5: a warning on the whole line, listed after an error on its first word, and a
        // warning alone on line 7.
        sql->setProblems({finding(5, 1, LintFinding::Severity::Error),
                          finding(5, 0, LintFinding::Severity::Warning),
                          finding(7, 0, LintFinding::Severity::Warning)});
        QCOMPARE(sql->marginSeverity(4), LintFinding::Severity::Error);
        QCOMPARE(sql->marginMarkCount(4), 1);
        QVERIFY(sql->isUnderlined(4, 0, LintFinding::Severity::Error));
        QVERIFY(!sql->isUnderlined(4, 0, LintFinding::Severity::Warning));
        QVERIFY(sql->isUnderlined(4, 20, LintFinding::Severity::Warning)); // beyond the error
        QCOMPARE(sql->marginSeverity(6), LintFinding::Severity::Warning);
        QVERIFY(sql->isUnderlined(6, 0, LintFinding::Severity::Warning));
        QCOMPARE(sql->marginSeverity(5), std::nullopt);
        // The same problems in the other order draw the same.
        sql->setProblems({finding(5, 0, LintFinding::Severity::Warning),
                          finding(5, 1, LintFinding::Severity::Error)});
        QCOMPARE(sql->marginMarkCount(4), 1);
        QVERIFY(!sql->isUnderlined(4, 0, LintFinding::Severity::Warning));
        QVERIFY(sql->isUnderlined(4, 0, LintFinding::Severity::Error));
    }

    void fileChangedOnDiskIsReloadedOrFlagged()
    {
        const QString path = file(QStringLiteral("ffff06_disk.sql"), kGood);
        MigrationEditor editor;
        QVERIFY(editor.load(path).ok());

        // Nothing unsaved here: the new text comes in.
        QByteArray changed = kGood;
        changed.replace("body text", "body text NOT NULL");
        QVERIFY(writeFile(path, changed));
        QTRY_COMPARE_WITH_TIMEOUT(editor.editor()->text().toUtf8(), changed, 10000);
        QVERIFY(!editor.isDirty());
        QVERIFY(editor.bannerText().contains(QStringLiteral("reloaded")));

        // Unsaved changes here: nothing is overwritten; the person chooses.
        editor.editor()->insertAt(QStringLiteral("-- mine\n"), 0, 0);
        QByteArray again = changed;
        again.replace("notes", "memos");
        QVERIFY(writeFile(path, again));
        QTRY_VERIFY_WITH_TIMEOUT(editor.bannerText().contains(QStringLiteral("unsaved")), 10000);
        QVERIFY(editor.editor()->text().contains(QStringLiteral("-- mine")));
        auto *reload = editor.findChild<QPushButton *>(QStringLiteral("reloadButton"));
        QVERIFY(reload && !reload->isHidden());
        reload->click();
        QCOMPARE(editor.editor()->text().toUtf8(), again);
        QVERIFY(!editor.isDirty());
    }
};

QTEST_MAIN(TestMigrationEditor)
#include "tst_migrationeditor.moc"
