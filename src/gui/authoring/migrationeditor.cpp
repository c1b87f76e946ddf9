#include "authoring/migrationeditor.h"

#include "authoring/findbar.h"
#include "authoring/sqleditor.h"
#include "project/migrationparser.h"
#include "ui_migrationeditor.h"

#include <QFile>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QSaveFile>
#include <QStyle>
#include <QtConcurrent/QtConcurrentRun>

namespace strata::gui {

namespace {

QString severityText(LintFinding::Severity severity)
{
    return severity == LintFinding::Severity::Error ? MigrationEditor::tr("error")
                                                    : MigrationEditor::tr("warning");
}

} // namespace

MigrationEditor::MigrationEditor(QWidget *parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::MigrationEditor>())
{
    m_ui->setupUi(this);
    m_ui->findBar->setEditor(m_ui->editor);
    m_ui->banner->hide();
    m_ui->splitter->setStretchFactor(0, 4);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->problemsList->setColumnWidth(0, 60);
    m_ui->problemsList->setColumnWidth(1, 80);
    m_ui->problemsList->setColumnWidth(2, 190);

    m_validationTimer.setSingleShot(true);
    m_validationTimer.setInterval(validationDelayMs);
    connect(&m_validationTimer, &QTimer::timeout, this, &MigrationEditor::validateNow);
    connect(m_ui->editor, &QsciScintilla::textChanged, this, [this] {
        m_runProblems.clear();
        scheduleValidation();
    });
    connect(m_ui->editor, &QsciScintilla::modificationChanged, this,
            &MigrationEditor::dirtyChanged);
    connect(m_ui->problemsList, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        m_ui->editor->jumpTo(item->data(0, Qt::UserRole).toInt(),
                             item->data(0, Qt::UserRole + 1).toInt());
    });
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &MigrationEditor::onFileChanged);
    connect(m_ui->reloadButton, &QPushButton::clicked, this, &MigrationEditor::reloadFromDisk);
    connect(m_ui->keepButton, &QPushButton::clicked, this, [this] {
        // Keep the text here; the next save overwrites what changed on disk.
        m_ui->editor->setModified(true);
        hideBanner();
    });
    connect(m_ui->dismissButton, &QToolButton::clicked, this, &MigrationEditor::hideBanner);
}

MigrationEditor::~MigrationEditor() = default;

SqlEditor *MigrationEditor::editor() const
{
    return m_ui->editor;
}

FindBar *MigrationEditor::findBar() const
{
    return m_ui->findBar;
}

Status MigrationEditor::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::failure(tr("cannot open %1: %2").arg(path, file.errorString()));
    m_path = QFileInfo(path).absoluteFilePath();
    m_savedBytes = file.readAll();
    m_savedModified = QFileInfo(m_path).lastModified();
    int line = 0, index = 0;
    m_ui->editor->getCursorPosition(&line, &index);
    m_ui->editor->setText(QString::fromUtf8(m_savedBytes));
    m_ui->editor->setCursorPosition(line, index);
    m_ui->editor->setModified(false);
    if (!m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
    validateNow();
    return {};
}

Status MigrationEditor::save()
{
    const QByteArray bytes = m_ui->editor->text().toUtf8();
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error::failure(tr("cannot save %1: %2").arg(m_path, file.errorString()));
    m_savedBytes = bytes;
    m_savedModified = QFileInfo(m_path).lastModified();
    // QSaveFile replaces the file, which drops it from the watcher.
    m_watcher.removePath(m_path);
    m_watcher.addPath(m_path);
    m_ui->editor->setModified(false);
    hideBanner();
    if (std::exchange(m_gone, false))
        Q_EMIT fileGoneChanged(false);
    Q_EMIT saved(m_path);
    return {};
}

Status MigrationEditor::saveAs(const QString &path)
{
    const QString previous = m_path;
    m_watcher.removePath(m_path);
    m_path = QFileInfo(path).absoluteFilePath();
    if (auto s = save(); !s) {
        m_path = previous;
        return s;
    }
    return {};
}

void MigrationEditor::checkFileOnDisk()
{
    if (!m_path.isEmpty() && QFileInfo::exists(m_path) == m_gone)
        onFileChanged();
}

QString MigrationEditor::displayName() const
{
    return QFileInfo(m_path).fileName();
}

bool MigrationEditor::isDirty() const
{
    return m_ui->editor->isModified();
}

QString MigrationEditor::revision() const
{
    auto parsed = MigrationParser::parse(m_path, m_ui->editor->text().toUtf8());
    return parsed ? parsed->revision : QString();
}

void MigrationEditor::setContext(const CheckContext &context)
{
    m_context = context;
    scheduleValidation();
}

void MigrationEditor::setCatalog(const SchemaCatalog &catalog)
{
    m_ui->editor->setCatalog(catalog);
}

void MigrationEditor::scheduleValidation()
{
    ++m_generation;
    m_validationTimer.start();
}

void MigrationEditor::validateNow()
{
    m_validationTimer.stop();
    const quint64 generation = ++m_generation;
    // The check parses the whole file with PostgreSQL's parser: on a pool thread, so typing in
    // a long migration never waits for it. Only the newest check's answer is shown.
    auto *watcher = new QFutureWatcher<QList<LintFinding>>(this);
    connect(watcher, &QFutureWatcher<QList<LintFinding>>::finished, this,
            [this, watcher, generation] {
                watcher->deleteLater();
                if (generation == m_generation)
                    showProblems(watcher->result());
            });
    watcher->setFuture(
        QtConcurrent::run(&MigrationChecker::check, m_path, m_ui->editor->text(), m_context));
}

const QList<LintFinding> &MigrationEditor::problems() const
{
    return m_problems;
}

int MigrationEditor::errorCount() const
{
    return int(std::count_if(m_problems.cbegin(), m_problems.cend(), [](const LintFinding &p) {
        return p.severity == LintFinding::Severity::Error;
    }));
}

void MigrationEditor::addRunProblem(const LintFinding &problem)
{
    m_runProblems.append(problem);
    showProblems(m_problems);
}

void MigrationEditor::showProblems(const QList<LintFinding> &checked)
{
    m_problems = checked;
    QList<LintFinding> all = m_runProblems + checked;
    std::stable_sort(all.begin(), all.end(),
                     [](const LintFinding &a, const LintFinding &b) { return a.line < b.line; });
    m_ui->editor->setProblems(all);
    m_ui->problemsList->clear();
    int errors = 0, warnings = 0;
    for (const LintFinding &p : std::as_const(all)) {
        const bool error = p.severity == LintFinding::Severity::Error;
        (error ? errors : warnings)++;
        auto *item =
            new QTreeWidgetItem(m_ui->problemsList, {QString::number(p.line),
                                                     severityText(p.severity), p.rule, p.message});
        item->setData(0, Qt::UserRole, p.line);
        item->setData(0, Qt::UserRole + 1, p.column);
        item->setIcon(1, style()->standardIcon(error ? QStyle::SP_MessageBoxCritical
                                                     : QStyle::SP_MessageBoxWarning));
        item->setToolTip(3, p.message);
    }
    Q_EMIT validated(errors, warnings);
}

void MigrationEditor::onFileChanged()
{
    const QFileInfo info(m_path);
    if (!info.exists()) {
        showMessage(tr("%1 was deleted or renamed outside Strata (or its project folder was "
                       "moved). Your text is kept here; save to write it again.")
                        .arg(displayName()),
                    true);
        m_ui->editor->setModified(true);
        if (!std::exchange(m_gone, true))
            Q_EMIT fileGoneChanged(true);
        return;
    }
    if (std::exchange(m_gone, false)) {
        hideBanner();
        Q_EMIT fileGoneChanged(false);
    }
    // Some editors replace the file; watch the new one.
    if (!m_watcher.files().contains(m_path))
        m_watcher.addPath(m_path);
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly) || file.readAll() == m_savedBytes)
        return; // our own save, or nothing changed
    if (!isDirty()) {
        reloadFromDisk();
        showMessage(tr("%1 changed on disk and was reloaded.").arg(displayName()), false);
        return;
    }
    showMessage(tr("%1 changed on disk, and you have unsaved changes here. Reload it (your "
                   "changes are lost) or keep your version (saving overwrites the other)?")
                    .arg(displayName()),
                true);
    m_ui->reloadButton->show();
    m_ui->keepButton->show();
}

void MigrationEditor::reloadFromDisk()
{
    if (auto s = load(m_path); !s)
        showMessage(s.error().message, true);
    else
        hideBanner();
}

void MigrationEditor::showMessage(const QString &text, bool error)
{
    m_ui->bannerText->setText(text);
    m_ui->banner->setStyleSheet(error ? QStringLiteral("QFrame#banner { background: #fdecea; }")
                                      : QStringLiteral("QFrame#banner { background: #e8f5e9; }"));
    m_ui->reloadButton->hide();
    m_ui->keepButton->hide();
    m_ui->banner->show();
}

QString MigrationEditor::bannerText() const
{
    return m_ui->banner->isHidden() ? QString() : m_ui->bannerText->text();
}

void MigrationEditor::hideBanner()
{
    m_ui->banner->hide();
}

} // namespace strata::gui
