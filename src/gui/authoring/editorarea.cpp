#include "authoring/editorarea.h"

#include "authoring/findbar.h"
#include "authoring/migrationeditor.h"
#include "authoring/sqleditor.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedLayout>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace strata::gui {

EditorArea::EditorArea(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_toolBar = new QToolBar(tr("Editor"), this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->setIconSize(QSize(16, 16));
    layout->addWidget(m_toolBar);

    m_save = m_toolBar->addAction(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("&Save"));
    m_save->setShortcut(QKeySequence::Save);
    m_save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_save, &QAction::triggered, this, &EditorArea::saveCurrent);
    m_find = m_toolBar->addAction(tr("&Find"));
    m_find->setShortcut(QKeySequence::Find);
    m_find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_find, &QAction::triggered, this, [this] {
        if (auto *e = current())
            e->findBar()->showFind(false);
    });
    m_replace = m_toolBar->addAction(tr("&Replace"));
    m_replace->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    m_replace->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_replace, &QAction::triggered, this, [this] {
        if (auto *e = current())
            e->findBar()->showFind(true);
    });
    auto *findNext = new QAction(this);
    findNext->setShortcut(QKeySequence::FindNext);
    findNext->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findNext, &QAction::triggered, this, [this] {
        if (auto *e = current())
            e->findBar()->findNext(true);
    });
    auto *findPrevious = new QAction(this);
    findPrevious->setShortcut(QKeySequence::FindPrevious);
    findPrevious->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(findPrevious, &QAction::triggered, this, [this] {
        if (auto *e = current())
            e->findBar()->findNext(false);
    });
    // The tool bar's actions belong to the whole area too: with the tool bar alone as their
    // widget, their shortcuts would fire only while the tool bar has the focus, never while
    // typing in the editor.
    addActions({m_save, m_find, m_replace, findNext, findPrevious});
    m_toolBar->addSeparator();
    m_refreshCompletion = m_toolBar->addAction(style()->standardIcon(QStyle::SP_BrowserReload),
                                               tr("Refresh &Completion"));
    m_refreshCompletion->setToolTip(
        tr("Read the tables, columns and functions of the selected profile's database again"));
    connect(m_refreshCompletion, &QAction::triggered, this, &EditorArea::catalogRequested);
    m_try = m_toolBar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Try It"));
    m_try->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(m_try, &QAction::triggered, this, [this] {
        MigrationEditor *e = current();
        if (!e || !m_tryAvailable)
            return;
        if (e->isDirty() && !saveCurrent())
            return;
        Q_EMIT tryRequested(e->filePath(), e->revision());
    });
    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_completionState = new QLabel(m_toolBar);
    m_completionState->setContentsMargins(0, 0, 8, 0);
    m_toolBar->addWidget(m_completionState);

    auto *stack = new QWidget(this);
    auto *stackLayout = new QStackedLayout(stack);
    m_placeholder = new QLabel(
        tr("No migration open. Open one from History (right-click a revision, Open in Editor) "
           "or write a new one with Migrate ▸ New Migration…"),
        stack);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false);
    stackLayout->addWidget(m_placeholder);
    m_tabs = new QTabWidget(stack);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    stackLayout->addWidget(m_tabs);
    layout->addWidget(stack, 1);
    // Under the files, not in the tool bar: a long line there would push the tool bar's own
    // items into its overflow menu.
    m_checkState = new QLabel(this);
    m_checkState->setObjectName(QStringLiteral("checkState"));
    m_checkState->setContentsMargins(6, 3, 6, 3);
    m_checkState->setWordWrap(true);
    layout->addWidget(m_checkState);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &EditorArea::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, stackLayout] {
        stackLayout->setCurrentWidget(m_tabs->count() ? static_cast<QWidget *>(m_tabs)
                                                      : m_placeholder);
        updateActions();
    });
    setCatalog({}, {});
    updateCheckState();
    updateActions();
}

EditorArea::~EditorArea() = default;

MigrationEditor *EditorArea::current() const
{
    return qobject_cast<MigrationEditor *>(m_tabs->currentWidget());
}

QList<MigrationEditor *> EditorArea::editors() const
{
    QList<MigrationEditor *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        out.append(qobject_cast<MigrationEditor *>(m_tabs->widget(i)));
    return out;
}

MigrationEditor *EditorArea::editorFor(const QString &path) const
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    for (MigrationEditor *e : editors())
        if (e->filePath() == absolute)
            return e;
    return nullptr;
}

MigrationEditor *EditorArea::open(const QString &path)
{
    if (MigrationEditor *e = editorFor(path)) {
        m_tabs->setCurrentWidget(e);
        return e;
    }
    auto *editor = new MigrationEditor(m_tabs);
    if (auto s = editor->load(path); !s) {
        delete editor;
        QMessageBox::warning(this, tr("Open Migration"), s.error().message);
        return nullptr;
    }
    editor->setContext(m_context);
    editor->setCatalog(m_catalog);
    connect(editor, &MigrationEditor::dirtyChanged, this, [this, editor] { updateTab(editor); });
    connect(editor, &MigrationEditor::fileGoneChanged, this, [this, editor] { updateTab(editor); });
    connect(editor, &MigrationEditor::validated, this, [this, editor] { updateTab(editor); });
    connect(editor, &MigrationEditor::saved, this, &EditorArea::fileSaved);
    m_tabs->setCurrentIndex(m_tabs->addTab(editor, editor->displayName()));
    updateTab(editor);
    editor->editor()->setFocus();
    return editor;
}

void EditorArea::updateTab(MigrationEditor *editor)
{
    const int index = m_tabs->indexOf(editor);
    if (index < 0)
        return;
    // The dirty marker, as editors show it: a bullet before the name.
    const QString name =
        (editor->isDirty() ? QStringLiteral("● ") : QString()) + editor->displayName();
    m_tabs->setTabText(index, editor->isFileGone() ? tr("%1 (deleted)").arg(name) : name);
    m_tabs->setTabToolTip(index, editor->isFileGone()
                                     ? tr("%1\nThe file is gone from disk; the text is only "
                                          "here until it is saved.")
                                           .arg(editor->filePath())
                                     : editor->filePath());
    m_tabs->setTabIcon(
        index, editor->isFileGone()       ? style()->standardIcon(QStyle::SP_MessageBoxWarning)
               : editor->errorCount() > 0 ? style()->standardIcon(QStyle::SP_MessageBoxCritical)
                                          : QIcon());
    updateActions();
}

void EditorArea::updateActions()
{
    const bool open = current() != nullptr;
    m_save->setEnabled(open);
    m_find->setEnabled(open);
    m_replace->setEnabled(open);
    m_try->setEnabled(open && m_tryAvailable);
    m_try->setToolTip(m_tryAvailable
                          ? tr("Save, then run this migration's upgrade and downgrade on the "
                               "selected profile in a transaction that is always rolled back")
                          : m_tryRefusal);
}

void EditorArea::setContext(const CheckContext &context)
{
    if (context == m_context) // nothing new to check against
        return;
    m_context = context;
    for (MigrationEditor *e : editors())
        e->setContext(context);
    updateCheckState();
}

QString EditorArea::checksText() const
{
    return m_checkState->text();
}

void EditorArea::updateCheckState()
{
    // Say which checks run, so an empty problem list on SQLite is not mistaken for the
    // PostgreSQL parser's approval (or for no check at all).
    const SqlDialect dialect = m_context.postgres ? SqlDialect::PostgreSQL : SqlDialect::SQLite;
    const QStringList rules = Linter::rulesFor(dialect);
    QStringList parts;
    for (const QString &check : MigrationChecker::checks(dialect)) {
        if (check == QLatin1String("header"))
            parts << tr("header");
        else if (check == QLatin1String("parents"))
            parts << tr("parents");
        else if (check == QLatin1String("postgresql-parser"))
            parts << tr("PostgreSQL's parser");
        else if (check == QLatin1String("sqlite-compile"))
            parts << tr("SQLite's statement check");
        else if (check == QLatin1String("lint"))
            parts << tr("%n lint rule(s)", nullptr, int(rules.size()));
    }
    const QString engine =
        dialect == SqlDialect::PostgreSQL ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
    m_checkState->setText(tr("Checks for %1: %2").arg(engine, parts.join(QLatin1String(", "))));
    m_checkState->setToolTip(
        (dialect == SqlDialect::PostgreSQL
             ? tr("Each statement is parsed by PostgreSQL's own parser.")
             : tr("Each statement is compiled by SQLite itself on an empty scratch database: "
                  "its grammar is checked, names of tables and columns are left to the run.")) +
        QLatin1Char('\n') + tr("Lint rules: %1").arg(rules.join(QLatin1String(", "))));
}

void EditorArea::setCatalog(const SchemaCatalog &catalog, const QString &source)
{
    m_catalog = catalog;
    for (MigrationEditor *e : editors())
        e->setCatalog(catalog);
    m_completionState->setText(source.isEmpty() ? tr("Completion: SQL keywords only")
                                                : tr("Completion: %n table(s) and view(s) of %1",
                                                     nullptr, int(catalog.relations.size()))
                                                      .arg(source));
}

void EditorArea::setTryAvailable(bool available, const QString &why)
{
    m_tryAvailable = available;
    m_tryRefusal = why;
    updateActions();
}

bool EditorArea::saveCurrent()
{
    MigrationEditor *e = current();
    if (!e)
        return false;
    if (!QFileInfo(QFileInfo(e->filePath()).absolutePath()).isDir())
        return saveWithoutFolder(e);
    if (auto s = e->save(); !s) {
        QMessageBox::warning(this, tr("Save Migration"), s.error().message);
        return false;
    }
    updateTab(e);
    return true;
}

bool EditorArea::saveWithoutFolder(MigrationEditor *e)
{
    const QString folder = QFileInfo(e->filePath()).absolutePath();
    QMessageBox box(QMessageBox::Warning, tr("Save Migration"),
                    tr("%1 cannot be saved where it was: its folder %2 no longer exists (the "
                       "project was moved or deleted). Your text is kept here.")
                        .arg(e->displayName(), QDir::toNativeSeparators(folder)),
                    QMessageBox::Cancel, this);
    QPushButton *saveAs = box.addButton(tr("Save &As…"), QMessageBox::AcceptRole);
    saveAs->setObjectName(QStringLiteral("saveAsButton"));
    QPushButton *recreate =
        box.addButton(tr("&Recreate the Folder and Save"), QMessageBox::ActionRole);
    recreate->setObjectName(QStringLiteral("recreateButton"));
    box.setDefaultButton(saveAs);
    box.exec();
    Status saved = Error::failure({});
    if (box.clickedButton() == recreate) {
        if (!QDir().mkpath(folder)) {
            QMessageBox::warning(this, tr("Save Migration"),
                                 tr("Cannot create %1.").arg(QDir::toNativeSeparators(folder)));
            return false;
        }
        saved = e->save();
    } else if (box.clickedButton() == saveAs) {
        const QString file = QFileDialog::getSaveFileName(
            this, tr("Save Migration As"), e->displayName(), tr("SQL migrations (*.sql)"));
        if (file.isEmpty())
            return false;
        saved = e->saveAs(file);
    } else {
        return false;
    }
    if (!saved) {
        QMessageBox::warning(this, tr("Save Migration"), saved.error().message);
        return false;
    }
    updateTab(e);
    return true;
}

void EditorArea::checkFilesOnDisk()
{
    for (MigrationEditor *e : editors())
        e->checkFileOnDisk();
}

bool EditorArea::closeTab(int index)
{
    auto *e = qobject_cast<MigrationEditor *>(m_tabs->widget(index));
    if (!e)
        return false;
    if (e->isDirty()) {
        m_tabs->setCurrentIndex(index);
        const auto answer = QMessageBox::question(
            this, tr("Unsaved Changes"),
            tr("%1 has changes that are not saved. Save them?").arg(e->displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel)
            return false;
        if (answer == QMessageBox::Save && !saveCurrent())
            return false;
    }
    m_tabs->removeTab(index);
    e->deleteLater();
    updateActions();
    return true;
}

bool EditorArea::closeAll()
{
    while (m_tabs->count() > 0)
        if (!closeTab(m_tabs->count() - 1))
            return false;
    return true;
}

} // namespace strata::gui
