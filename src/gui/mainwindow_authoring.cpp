// MainWindow's authoring part: the Editor tab, New Migration, Merge Heads, completion words from
// the selected profile's database, and Try it.
#include "mainwindow.h"

#include "authoring/editorarea.h"
#include "authoring/mergedialog.h"
#include "authoring/migrationeditor.h"
#include "authoring/newmigrationdialog.h"
#include "history/historymodel.h"
#include "jobs/jobcontroller.h"
#include "jobs/migrationworker.h"
#include "jobs/runscontroller.h"
#include "ui_mainwindow.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStatusBar>

namespace strata::gui {

EditorArea *MainWindow::editorArea() const
{
    return m_ui->editorArea;
}

void MainWindow::setupAuthoring()
{
    Ui::MainWindow &ui = *m_ui;
    connect(ui.actionNewMigration, &QAction::triggered, this, &MainWindow::newMigration);
    connect(ui.actionMergeHeads, &QAction::triggered, this, &MainWindow::mergeHeads);
    connect(ui.actionOpenInEditor, &QAction::triggered, this, &MainWindow::openSelectedInEditor);
    ui.historyView->addAction(ui.actionOpenInEditor);
    connect(ui.editorArea, &EditorArea::catalogRequested, this, &MainWindow::requestCatalog);
    connect(ui.editorArea, &EditorArea::tryRequested, this, &MainWindow::tryInEditor);
    connect(ui.editorArea, &EditorArea::fileSaved, this, [this] { refresh(m_current); });
    // The schema is read when the editor is first shown for a profile, not for every profile
    // the person clicks through.
    connect(ui.tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ui->tabs->currentWidget() == m_ui->editorTab && m_catalogProfile != m_current)
            requestCatalog();
    });
}

void MainWindow::connectAuthoring(const QString &name, MigrationWorker *w)
{
    connect(w, &MigrationWorker::catalogReady, this, [this, name](const SchemaCatalog &catalog) {
        if (name != m_current)
            return;
        m_catalogProfile = name;
        m_ui->editorArea->setCatalog(catalog, name);
        Q_EMIT catalogUpdated(name, true);
    });
    connect(w, &MigrationWorker::catalogFailed, this, [this, name](const Error &error) {
        if (name != m_current)
            return;
        logLine(tr("%1: cannot read the schema for completion: %2").arg(name, error.toString()));
        m_ui->editorArea->setCatalog({}, {});
        Q_EMIT catalogUpdated(name, false);
    });
    connect(
        w, &MigrationWorker::trialFinished, this,
        [this, name](const QString &revision, bool ok, const QStringList &steps,
                     const Error &error) { onTrialFinished(name, revision, ok, steps, error); });
}

void MainWindow::requestCatalog()
{
    JobController *c = controller(m_current);
    if (!c)
        return;
    m_catalogProfile = m_current; // asked; the answer replaces the words
    c->fetchCatalog();
}

void MainWindow::updateEditorContext()
{
    // What open files are checked against: once per snapshot, not on every click (a project
    // can hold thousands of revisions).
    const SnapshotPtr snap = m_snapshots.value(m_current);
    CheckContext context;
    if (snap) {
        for (const RevisionRow &row : snap->rows) {
            context.revisions.insert(row.id, row.filePath);
            for (const QString &label : row.labels)
                if (!context.branchLabels.contains(label))
                    context.branchLabels.append(label);
        }
        context.postgres = snap->engine == QLatin1String("postgresql");
    }
    m_ui->editorArea->setContext(context);
}

void MainWindow::updateEditor()
{
    const Profile *p = profile(m_current);
    const SnapshotPtr snap = m_snapshots.value(m_current);
    QString why;
    if (!p)
        why = tr("Select a profile to try migrations on.");
    else if (p->isProtected)
        why = tr("%1 is protected: Try it runs only on profiles that are not, such as a "
                 "development database.")
                  .arg(p->name);
    else if (!snap || !snap->reachable)
        why = tr("%1's database cannot be reached.").arg(p->name);
    else if (m_runs->isBusy(m_current) || !m_trialProfile.isEmpty())
        why = tr("Wait for the running job to finish.");
    m_ui->editorArea->setTryAvailable(why.isEmpty(), why);
    m_ui->actionOpenInEditor->setEnabled(snap && !selectedRevision().isEmpty());
    m_ui->actionMergeHeads->setEnabled(snap && snap->heads.size() >= 2 &&
                                       !m_runs->isBusy(m_current));
    if (m_ui->tabs->currentWidget() == m_ui->editorTab && m_catalogProfile != m_current)
        requestCatalog();
}

void MainWindow::openInEditor(const QString &path)
{
    if (m_ui->editorArea->open(path))
        m_ui->tabs->setCurrentWidget(m_ui->editorTab);
}

void MainWindow::openSelectedInEditor()
{
    const SnapshotPtr snap = m_snapshots.value(m_current);
    const RevisionRow *row = snap ? snap->row(selectedRevision()) : nullptr;
    if (!row)
        return;
    if (row->filePath.isEmpty() || !QFileInfo::exists(row->filePath)) {
        QMessageBox::information(this, tr("Open in Editor"),
                                 tr("Revision %1 has no file in the project: the database has "
                                    "its version row, but no migration file declares it.")
                                     .arg(row->id));
        return;
    }
    openInEditor(row->filePath);
}

void MainWindow::newMigration()
{
    const Profile *p = profile(m_current);
    const SnapshotPtr snap = m_snapshots.value(m_current);
    if (!p || !snap)
        return;
    const QString selected = selectedRevision();
    const QString parent = !selected.isEmpty()       ? selected
                           : snap->heads.size() == 1 ? snap->heads.first()
                                                     : QString();
    JobController *c = controller(m_current);
    if (!c)
        return;
    NewMigrationDialog dialog(
        snap->heads, parent, [c](const RevisionRequest &r) { c->createRevision(r); }, this);
    const QMetaObject::Connection answer = connect(c->worker(), &MigrationWorker::revisionCreated,
                                                   &dialog, &NewMigrationDialog::finished);
    const int result = dialog.exec();
    disconnect(answer);
    if (result != QDialog::Accepted)
        return;
    wroteFile(snap->projectRoot, dialog.writtenFile());
}

void MainWindow::mergeHeads()
{
    const SnapshotPtr snap = m_snapshots.value(m_current);
    JobController *c = controller(m_current);
    if (!snap || !c || snap->heads.size() < 2)
        return;
    QList<std::pair<QString, QString>> heads;
    for (const QString &id : snap->heads) {
        const RevisionRow *row = snap->row(id);
        heads.append({id, row ? QStringLiteral("%1  %2").arg(id, row->message) : id});
    }
    MergeDialog dialog(
        heads, [c](const MergeRequest &r) { c->createMerge(r); }, this);
    const QMetaObject::Connection answer =
        connect(c->worker(), &MigrationWorker::revisionCreated, &dialog, &MergeDialog::finished);
    const int result = dialog.exec();
    disconnect(answer);
    if (result != QDialog::Accepted)
        return;
    wroteFile(snap->projectRoot, dialog.writtenFile());
}

void MainWindow::wroteFile(const QString &projectRoot, const QString &path)
{
    const QString file = QDir(projectRoot).relativeFilePath(path);
    logLine(tr("%1: wrote %2.").arg(m_current, file));
    statusBar()->showMessage(tr("Wrote %1.").arg(file), 10000);
    refresh(m_current);
    openInEditor(path); // a new migration is written next
}

void MainWindow::tryInEditor(const QString &path, const QString &revision)
{
    const Profile *p = profile(m_current);
    MigrationEditor *editor = m_ui->editorArea->editorFor(path);
    if (!p || !editor)
        return;
    if (p->isProtected) { // the button is off too; a shortcut must not get round it
        editor->showMessage(tr("Try it is refused on %1: the profile is protected.").arg(p->name),
                            true);
        return;
    }
    if (revision.isEmpty()) {
        editor->showMessage(tr("The header does not parse; fix the problems listed below first."),
                            true);
        return;
    }
    JobController *c = controller(m_current);
    if (!c || c->isRunning())
        return;
    m_trialProfile = m_current;
    editor->showMessage(tr("Trying %1 on %2…").arg(revision, p->name), false);
    logLine(tr("%1: trying %2 (rolled back at the end).").arg(p->name, revision));
    updateEditor();
    c->tryRevision(revision);
}

void MainWindow::onTrialFinished(const QString &name, const QString &revision, bool ok,
                                 const QStringList &steps, const Error &error)
{
    m_trialProfile.clear();
    updateEditor();
    Q_EMIT trialFinished(name, ok);
    const SnapshotPtr snap = m_snapshots.value(name);
    const RevisionRow *row = snap ? snap->row(revision) : nullptr;
    MigrationEditor *editor = m_ui->editorArea->editorFor(!error.file.isEmpty() ? error.file
                                                          : row                 ? row->filePath
                                                                                : QString());
    if (!editor)
        editor = m_ui->editorArea->current();
    if (!editor)
        return;
    if (ok) {
        editor->showMessage(tr("Tried on %1: %2 ran without error; everything was rolled "
                               "back, the database is as it was.")
                                .arg(name, steps.join(QLatin1String(", "))),
                            false);
        return;
    }
    const bool here = QFileInfo(error.file) == QFileInfo(editor->filePath()) && error.line > 0;
    editor->showMessage(
        here ? tr("Tried on %1: failed at line %2: %3. Everything was rolled back.")
                   .arg(name)
                   .arg(error.line)
                   .arg(error.message)
             : tr("Tried on %1: %2. Everything was rolled back.").arg(name, error.toString()),
        true);
    if (here) {
        LintFinding problem;
        problem.file = error.file;
        problem.line = error.line;
        problem.column = error.column;
        problem.rule = QStringLiteral("try-it");
        problem.severity = LintFinding::Severity::Error;
        problem.message = (QStringList{error.message} + error.details).join(QLatin1String(" — "));
        editor->addRunProblem(problem);
    }
}

} // namespace strata::gui
