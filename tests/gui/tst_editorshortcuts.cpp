// The window's shortcuts while typing in the migration editor: every one fires, none is taken by
// a key binding of the editor component (QScintilla binds Ctrl+T to swapping two lines, Ctrl+U
// to lower case, ...), including an action added after the editor was opened.

#include "authoring/editorarea.h"
#include "authoring/editorkeys.h"
#include "authoring/findbar.h"
#include "authoring/migrationeditor.h"
#include "authoring/sqleditor.h"
#include "mainwindow.h"
#include "profiles/profilestore.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace strata;
using namespace strata::gui;

class TestEditorShortcuts : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;
    QString m_file;

    static constexpr char kText[] = "-- revision: a1\n-- message: keys\n\n-- +upgrade\n"
                                    "CREATE TABLE t (id integer);\nCREATE TABLE u (id integer);\n";

    // A window with one migration open in the editor, the editor focused; the window's own
    // reactions to its actions are cut off, so a test only counts what fires.
    SqlEditor *openEditor(MainWindow &w)
    {
        SqlEditor *editor = nullptr;
        openEditor(w, editor);
        return editor;
    }
    void openEditor(MainWindow &w, SqlEditor *&out)
    {
        w.resize(1200, 800);
        w.show();
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTRY_VERIFY_WITH_TIMEOUT(w.snapshot(QStringLiteral("dev")) != nullptr, 20000);
        w.openInEditor(m_file);
        MigrationEditor *e = w.editorArea()->current();
        QVERIFY(e);
        SqlEditor *editor = e->editor();
        QTRY_VERIFY(editor->isVisible());
        editor->setFocus();
        editor->setCursorPosition(4, 3);
        QTRY_VERIFY(editor->hasFocus());
        out = editor;
    }

    static QList<QAction *> actionsWithShortcuts(QWidget &w)
    {
        QList<QAction *> out;
        for (QAction *a : w.findChildren<QAction *>())
            if (!a->shortcut().isEmpty())
                out.append(a);
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("STRATA_BACKUP_DIR", m_home.filePath(QStringLiteral("backups")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        // A SQLite profile on a one-file project: the window shows its work tabs.
        const QString project = m_home.filePath(QStringLiteral("project"));
        QVERIFY(QDir().mkpath(project + QStringLiteral("/versions")));
        QFile ini(project + QStringLiteral("/strata.ini"));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("[strata]\nversions = versions\n");
        m_file = project + QStringLiteral("/versions/a1_keys.sql");
        QFile f(m_file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kText);
        Profile dev = Profile::forEnvironment(QStringLiteral("development"));
        dev.name = QStringLiteral("dev");
        dev.sqliteFile = m_home.filePath(QStringLiteral("dev.sqlite"));
        dev.projectDir = project;
        QVERIFY(ProfileStore(ProfileStore::defaultFilePath()).save({dev}).ok());
    }

    void theComponentBindsKeysOfTheWindowByDefault()
    {
        // What the editor gives up is really bound by QScintilla out of the box.
        QsciScintilla plain;
        QVERIFY(EditorKeys::binds(&plain, Qt::CTRL | Qt::Key_T));
        QVERIFY(EditorKeys::binds(&plain, Qt::CTRL | Qt::Key_U));
        const QStringList released = EditorKeys::release(&plain, {Qt::CTRL | Qt::Key_T});
        QCOMPARE(released.size(), 1);
        QVERIFY(!EditorKeys::binds(&plain, Qt::CTRL | Qt::Key_T));
        QVERIFY(EditorKeys::binds(&plain, Qt::CTRL | Qt::Key_U)); // others stay
    }

    void noShortcutOfTheWindowIsBoundInTheEditor()
    {
        MainWindow w;
        SqlEditor *editor = openEditor(w);
        QVERIFY(editor);
        const QList<QKeyCombination> keys = EditorKeys::windowShortcuts(&w);
        for (const QKeySequence &expected : QList<QKeySequence>{
                 QKeySequence::Save, QKeySequence::Find, QKeySequence(Qt::CTRL | Qt::Key_T),
                 QKeySequence(Qt::CTRL | Qt::Key_U), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
                 QKeySequence(Qt::ALT | Qt::Key_F)})
            QVERIFY2(keys.contains(expected[0]), qPrintable(expected.toString()));
        for (const QKeyCombination key : keys)
            QVERIFY2(!EditorKeys::binds(editor, key), qPrintable(QKeySequence(key).toString()));
    }

    void everyShortcutFiresWhileTypingInTheEditor()
    {
        MainWindow w;
        SqlEditor *editor = openEditor(w);
        QVERIFY(editor);
        const QList<QAction *> actions = actionsWithShortcuts(w);
        QVERIFY(actions.size() >= 15);
        for (QAction *action : actions) {
            const QKeySequence key = action->shortcut();
            QObject::disconnect(action, &QAction::triggered, nullptr, nullptr);
            action->setEnabled(true);
            QSignalSpy fired(action, &QAction::triggered);
            editor->setFocus();
            QVERIFY(editor->hasFocus());
            QTest::keySequence(QApplication::focusWidget(), key);
            QVERIFY2(fired.size() == 1,
                     qPrintable(QStringLiteral("%1 (%2) did not fire from the editor")
                                    .arg(action->objectName(), key.toString())));
            QCOMPARE(editor->text(), QString::fromLatin1(kText)); // the editor did nothing
        }
    }

    void menuShortcutsFireFromEveryWidget()
    {
        // The window's own actions (the menus'), from every widget that can take the focus in
        // every tab; the Editor tab's actions belong to that tab alone.
        MainWindow w;
        QVERIFY(openEditor(w));
        QList<QAction *> menuActions;
        for (QAction *action : actionsWithShortcuts(w)) {
            QObject::disconnect(action, &QAction::triggered, nullptr, nullptr);
            if (!w.editorArea()->isAncestorOf(qobject_cast<QWidget *>(action->parent())))
                menuActions.append(action);
        }
        QVERIFY(menuActions.size() >= 10);
        auto *tabs = w.findChild<QTabWidget *>(QStringLiteral("tabs"));
        for (int t = 0; t < tabs->count(); ++t) {
            tabs->setCurrentIndex(t);
            for (QWidget *target : tabs->widget(t)->findChildren<QWidget *>()) {
                if (!target->isVisible() || !target->isEnabled() ||
                    !(target->focusPolicy() & Qt::TabFocus))
                    continue;
                for (QAction *action : std::as_const(menuActions)) {
                    action->setEnabled(true);
                    QSignalSpy fired(action, &QAction::triggered);
                    target->setFocus();
                    QTest::keySequence(target, action->shortcut());
                    QVERIFY2(
                        fired.size() == 1,
                        qPrintable(QStringLiteral("%1 (%2) did not fire from %3")
                                       .arg(action->objectName(), action->shortcut().toString(),
                                            target->objectName())));
                }
            }
        }
    }

    void saveFindAndStampFromTheEditor()
    {
        // The keys a person types most, with their real effect where it is harmless.
        MainWindow w;
        SqlEditor *editor = openEditor(w);
        QVERIFY(editor);
        MigrationEditor *file = w.editorArea()->current();
        editor->insert(QStringLiteral("-- edited\n"));
        QVERIFY(file->isDirty());
        QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(!file->isDirty()); // saved

        QTest::keyClick(editor, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(file->findBar()->isVisible());

        editor->setFocus();
        auto *stamp = w.findChild<QAction *>(QStringLiteral("actionStamp"));
        QVERIFY(stamp);
        QObject::disconnect(stamp, &QAction::triggered, nullptr, nullptr);
        stamp->setEnabled(true);
        QSignalSpy stamped(stamp, &QAction::triggered);
        const QString before = editor->text();
        QTest::keyClick(editor, Qt::Key_T, Qt::ControlModifier);
        QCOMPARE(stamped.size(), 1);
        QCOMPARE(editor->text(), before); // no two lines swapped
    }

    void anActionAddedLaterIsNotShadowed()
    {
        MainWindow w;
        SqlEditor *editor = openEditor(w);
        QVERIFY(editor);
        QVERIFY(EditorKeys::binds(editor, Qt::CTRL | Qt::Key_L)); // QScintilla: cut the line
        auto *later = new QAction(QStringLiteral("Later"), &w);
        later->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
        w.addAction(later);
        QSignalSpy fired(later, &QAction::triggered);
        const QString before = editor->text();
        QTest::keyClick(editor, Qt::Key_L, Qt::ControlModifier);
        QCOMPARE(fired.size(), 1);
        QCOMPARE(editor->text(), before);
        QVERIFY(!EditorKeys::binds(editor, Qt::CTRL | Qt::Key_L));
    }
};

QTEST_MAIN(TestEditorShortcuts)
#include "tst_editorshortcuts.moc"
