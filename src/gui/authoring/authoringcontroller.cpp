#include "authoring/authoringcontroller.h"

#include "authoring/editorarea.h"
#include "authoring/mergedialog.h"
#include "authoring/migrationeditor.h"
#include "authoring/newmigrationdialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/jobpanel.h"
#include "jobs/migrationworker.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QTabWidget>

namespace strata::gui {

AuthoringController::AuthoringController(const Views &views, Host host, JobPanel *panel,
                                         QMainWindow *window, QObject *parent)
    : QObject(parent), m_views(views), m_host(std::move(host)), m_panel(panel), m_window(window)
{
    connect(m_views.newMigration, &QAction::triggered, this, &AuthoringController::newMigration);
    connect(m_views.mergeHeads, &QAction::triggered, this, &AuthoringController::mergeHeads);
    connect(m_views.openInEditor, &QAction::triggered, this,
            &AuthoringController::openSelectedInEditor);
    connect(m_views.editorArea, &EditorArea::catalogRequested, this,
            &AuthoringController::requestCatalog);
    connect(m_views.editorArea, &EditorArea::tryRequested, this, &AuthoringController::tryInEditor);
    connect(m_views.editorArea, &EditorArea::fileSaved, this,
            [this] { m_host.refresh(m_host.current()); });
    // The schema is read when the editor is first shown for a profile, not for every profile
    // the person clicks through.
    connect(m_views.tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_views.tabs->currentWidget() == m_views.editorTab &&
            m_catalogProfile != m_host.current())
            requestCatalog();
    });
}

void AuthoringController::connectWorker(const QString &name, MigrationWorker *w)
{
    connect(w, &MigrationWorker::catalogReady, this, [this, name](const SchemaCatalog &catalog) {
        if (name != m_host.current())
            return;
        m_catalogProfile = name;
        m_views.editorArea->setCatalog(catalog, name);
        Q_EMIT catalogUpdated(name, true);
    });
    connect(w, &MigrationWorker::catalogFailed, this, [this, name](const Error &error) {
        if (name != m_host.current())
            return;
        Q_EMIT logLine(
            tr("%1: cannot read the schema for completion: %2").arg(name, error.toString()));
        m_views.editorArea->setCatalog({}, {});
        Q_EMIT catalogUpdated(name, false);
    });
    connect(
        w, &MigrationWorker::trialFinished, this,
        [this, name](const QString &revision, bool ok, const QStringList &steps,
                     const Error &error) { onTrialFinished(name, revision, ok, steps, error); });
}

void AuthoringController::requestCatalog()
{
    const QString current = m_host.current();
    JobController *c = m_host.jobs(current);
    if (!c)
        return;
    m_catalogProfile = current; // asked; the answer replaces the words
    c->fetchCatalog();
}

void AuthoringController::schemaChanged(const QString &profile)
{
    if (profile == m_catalogProfile)
        m_catalogProfile.clear();
}

void AuthoringController::updateContext()
{
    // What open files are checked against: once per snapshot, not on every click (a project
    // can hold thousands of revisions).
    const SnapshotPtr snap = m_host.snapshot(m_host.current());
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
    m_views.editorArea->setContext(context);
}

void AuthoringController::updateActions()
{
    const QString current = m_host.current();
    const Profile *p = m_host.profile(current);
    const SnapshotPtr snap = m_host.snapshot(current);
    const bool busy = m_host.busy(current);
    QString why;
    if (!p)
        why = tr("Select a profile to try migrations on.");
    else if (p->isProtected)
        why = tr("%1 is protected: Try it runs only on profiles that are not, such as a "
                 "development database.")
                  .arg(p->name);
    else if (!snap || !snap->reachable)
        why = tr("%1's database cannot be reached.").arg(p->name);
    else if (busy)
        why = tr("Wait for the running job to finish.");
    m_views.editorArea->setTryAvailable(why.isEmpty(), why);
    m_views.openInEditor->setEnabled(snap && !m_host.selectedRevision().isEmpty());
    m_views.mergeHeads->setEnabled(snap && snap->heads.size() >= 2 && !busy);
    m_views.newMigration->setEnabled(p && snap && !busy);
    if (m_views.tabs->currentWidget() == m_views.editorTab && m_catalogProfile != current)
        requestCatalog();
}

void AuthoringController::openInEditor(const QString &path)
{
    if (m_views.editorArea->open(path))
        m_views.tabs->setCurrentWidget(m_views.editorTab);
}

void AuthoringController::openSelectedInEditor()
{
    const SnapshotPtr snap = m_host.snapshot(m_host.current());
    const RevisionRow *row = snap ? snap->row(m_host.selectedRevision()) : nullptr;
    if (!row)
        return;
    if (row->filePath.isEmpty() || !QFileInfo::exists(row->filePath)) {
        QMessageBox::information(m_window, tr("Open in Editor"),
                                 tr("Revision %1 has no file in the project: the database has "
                                    "its version row, but no migration file declares it.")
                                     .arg(row->id));
        return;
    }
    openInEditor(row->filePath);
}

void AuthoringController::newMigration()
{
    const QString current = m_host.current();
    const Profile *p = m_host.profile(current);
    const SnapshotPtr snap = m_host.snapshot(current);
    JobController *c = m_host.jobs(current);
    if (!p || !snap || !c)
        return;
    const QString selected = m_host.selectedRevision();
    const QString parent = !selected.isEmpty()       ? selected
                           : snap->heads.size() == 1 ? snap->heads.first()
                                                     : QString();
    NewMigrationDialog dialog(
        snap->heads, parent, [c](const RevisionRequest &r) { c->createRevision(r); }, m_window);
    const QMetaObject::Connection answer = connect(c->worker(), &MigrationWorker::revisionCreated,
                                                   &dialog, &NewMigrationDialog::finished);
    const int result = dialog.exec(); // asked from a menu, not from a worker's answer
    disconnect(answer);
    if (result != QDialog::Accepted)
        return;
    wroteFile(snap->projectRoot, dialog.writtenFile());
}

void AuthoringController::mergeHeads()
{
    const QString current = m_host.current();
    const SnapshotPtr snap = m_host.snapshot(current);
    JobController *c = m_host.jobs(current);
    if (!snap || !c || snap->heads.size() < 2)
        return;
    QList<std::pair<QString, QString>> heads;
    for (const QString &id : snap->heads) {
        const RevisionRow *row = snap->row(id);
        heads.append({id, row ? QStringLiteral("%1  %2").arg(id, row->message) : id});
    }
    MergeDialog dialog(
        heads, [c](const MergeRequest &r) { c->createMerge(r); }, m_window);
    const QMetaObject::Connection answer =
        connect(c->worker(), &MigrationWorker::revisionCreated, &dialog, &MergeDialog::finished);
    const int result = dialog.exec(); // asked from a menu, not from a worker's answer
    disconnect(answer);
    if (result != QDialog::Accepted)
        return;
    wroteFile(snap->projectRoot, dialog.writtenFile());
}

void AuthoringController::wroteFile(const QString &projectRoot, const QString &path)
{
    const QString current = m_host.current();
    const QString file = QDir(projectRoot).relativeFilePath(path);
    Q_EMIT statusMessage(tr("Wrote %1.").arg(file), 10000);
    m_host.refresh(current);
    openInEditor(path); // a new migration is written next
}

void AuthoringController::tryInEditor(const QString &path, const QString &revision)
{
    const QString current = m_host.current();
    const Profile *p = m_host.profile(current);
    MigrationEditor *editor = m_views.editorArea->editorFor(path);
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
    JobController *c = m_host.jobs(current);
    if (!c)
        return;
    if (const QString why = m_host.refusal(current); !why.isEmpty()) {
        editor->showMessage(why, true);
        return;
    }
    editor->showMessage(tr("Trying %1 on %2…").arg(revision, p->name), false);
    const auto job = c->tryRevision(revision);
    m_panel->begin(current, JobPanel::Kind::Trial, job,
                   tr("Trying %1 on %2 (rolled back at the end)…").arg(revision, p->name));
}

void AuthoringController::onTrialFinished(const QString &name, const QString &revision, bool ok,
                                          const QStringList &steps, const Error &error)
{
    if (m_panel->kind(name) == JobPanel::Kind::Trial)
        m_panel->end(name);
    Q_EMIT trialFinished(name, ok);
    const SnapshotPtr snap = m_host.snapshot(name);
    const RevisionRow *row = snap ? snap->row(revision) : nullptr;
    EditorArea *area = m_views.editorArea;
    MigrationEditor *editor = area->editorFor(!error.file.isEmpty() ? error.file
                                              : row                 ? row->filePath
                                                                    : QString());
    if (!editor)
        editor = area->current();
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
