#pragma once

#include "drivers/driver.h"
#include "lint/migrationchecker.h"

#include <QWidget>

class QAction;
class QLabel;
class QTabWidget;
class QToolBar;

namespace strata::gui {

class MigrationEditor;

// The Editor tab: one tab per open migration file, a toolbar (save, find, replace, refresh
// completion, Try it) and the state of the open files. Files, checks and completion words live
// here; running anything is the window's business, asked for through tryRequested() and
// catalogRequested().
class EditorArea : public QWidget
{
    Q_OBJECT

public:
    explicit EditorArea(QWidget *parent = nullptr);
    ~EditorArea() override;

    // Opens the file in a tab, or shows its tab when it is already open.
    MigrationEditor *open(const QString &path);
    MigrationEditor *current() const;
    MigrationEditor *editorFor(const QString &path) const;
    QList<MigrationEditor *> editors() const;
    QTabWidget *tabs() const { return m_tabs; }
    // What the open files are checked with, for the selected profile's engine (shown under the
    // files; the lint's rules in its tooltip).
    QString checksText() const;

    void setContext(const CheckContext &context);
    void setCatalog(const SchemaCatalog &catalog, const QString &source);
    // Whether Try it may run and, when it may not, why (shown on the button).
    void setTryAvailable(bool available, const QString &why);

    // Asks about unsaved files (save, discard or cancel); false when the person cancelled.
    bool closeAll();
    bool closeTab(int index);
    bool saveCurrent();
    // Looks at every open file on disk now (after its project changed on disk).
    void checkFilesOnDisk();

    QAction *saveAction() const { return m_save; }
    QAction *tryAction() const { return m_try; }
    QAction *findAction() const { return m_find; }
    QAction *replaceAction() const { return m_replace; }
    QAction *refreshCompletionAction() const { return m_refreshCompletion; }

Q_SIGNALS:
    // The file is saved; the window runs its upgrade and downgrade, rolled back.
    void tryRequested(QString path, QString revision);
    void catalogRequested();
    void fileSaved(QString path);

private:
    void updateTab(MigrationEditor *editor);
    void updateCheckState();
    void updateActions();
    // The current file's folder is gone: asks where to save (elsewhere, or the folder made
    // again); false when the person cancelled. The text is never lost.
    bool saveWithoutFolder(MigrationEditor *editor);

    QToolBar *m_toolBar = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_completionState = nullptr;
    QLabel *m_checkState = nullptr; // which checks apply for the profile's engine
    QAction *m_save = nullptr;
    QAction *m_find = nullptr;
    QAction *m_replace = nullptr;
    QAction *m_refreshCompletion = nullptr;
    QAction *m_try = nullptr;
    CheckContext m_context;
    SchemaCatalog m_catalog;
    bool m_tryAvailable = false;
    QString m_tryRefusal;
};

} // namespace strata::gui
