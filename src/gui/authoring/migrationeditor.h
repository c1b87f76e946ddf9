#pragma once

#include "drivers/driver.h"
#include "error.h"
#include "lint/migrationchecker.h"

#include <QDateTime>
#include <QFileSystemWatcher>
#include <QTimer>
#include <QWidget>

#include <memory>

namespace Ui {
class MigrationEditor;
}

namespace strata::gui {

class SqlEditor;

// One migration file in the editor: its text, its problems (checked while typing, after a pause
// and off the GUI thread), find and replace, and what happens when the file changes on disk
// (reloaded when there is nothing unsaved here, else a choice). Saving writes the whole file
// at once, so a crash never leaves half of it.
class MigrationEditor : public QWidget
{
    Q_OBJECT

public:
    explicit MigrationEditor(QWidget *parent = nullptr);
    ~MigrationEditor() override;

    Status load(const QString &path);
    Status save();
    // Writes the text to another file and edits that one from now on.
    Status saveAs(const QString &path);
    // The file is no longer on disk (deleted, or its project moved): the text here is all
    // there is until it is saved.
    bool isFileGone() const { return m_gone; }
    // Looks at the file on disk now (a project folder moved away sends no event for its files).
    void checkFileOnDisk();
    QString filePath() const { return m_path; }
    QString displayName() const; // the file name
    bool isDirty() const;
    // The revision id in the header as it stands (empty when the header does not parse).
    QString revision() const;

    SqlEditor *editor() const;
    class FindBar *findBar() const;

    // What the file is checked against: the project's other revisions and the engine.
    void setContext(const CheckContext &context);
    void setCatalog(const SchemaCatalog &catalog);
    // Checks now instead of after the typing pause (tests, and after a save).
    void validateNow();
    const QList<LintFinding> &problems() const;
    int errorCount() const;

    // A result to show above the text: a trial run, a save that failed.
    void showMessage(const QString &text, bool error);
    // A problem found by running the file (Try it), shown with the others until the next edit.
    void addRunProblem(const LintFinding &problem);
    QString bannerText() const;

    static constexpr int validationDelayMs = 400;

Q_SIGNALS:
    void dirtyChanged(bool dirty);
    void fileGoneChanged(bool gone);
    void validated(int errors, int warnings);
    void saved(QString path);

private:
    void scheduleValidation();
    void showProblems(const QList<LintFinding> &problems);
    void onFileChanged();
    void reloadFromDisk();
    void hideBanner();

    std::unique_ptr<Ui::MigrationEditor> m_ui;
    QString m_path;
    QDateTime m_savedModified; // the file's time when last read or written here
    QByteArray m_savedBytes;
    QFileSystemWatcher m_watcher;
    CheckContext m_context;
    QTimer m_validationTimer;
    quint64 m_generation = 0; // a check's result is used only if nothing changed since
    QList<LintFinding> m_problems;
    QList<LintFinding> m_runProblems;
    bool m_gone = false; // the file was there and is not any more
};

} // namespace strata::gui
