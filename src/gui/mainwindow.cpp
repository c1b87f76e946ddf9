#include "mainwindow.h"

#include "audit/auditlog.h"
#include "audit/auditmodel.h"
#include "authoring/newmigrationdialog.h"
#include "connection/connectioninfo.h"
#include "history/graphdelegate.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/stampdialog.h"
#include "log/activitylog.h"
#include "log/logdock.h"
#include "pending/planmodel.h"
#include "pending/sqlview.h"
#include "profiles/passworddialog.h"
#include "profiles/passwordvault.h"
#include "profiles/profiledialog.h"
#include "profiles/profiledock.h"
#include "profiles/profilestore.h"
#include "ui_mainwindow.h"

#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTreeWidget>

#include <spdlog/spdlog.h>

namespace strata::gui {

struct MainWindow::Session
{
    Profile profile;
    QString url;
};

namespace {

// Colours of the state column and the banner text on an environment colour.
QString textColourOn(const QString &background)
{
    const QColor c(background);
    const double luminance = 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF();
    return luminance > 0.6 ? QStringLiteral("#000000") : QStringLiteral("#ffffff");
}

bool isPasswordProblem(const QString &problem)
{
    return problem.contains(QLatin1String("password authentication failed")) ||
           problem.contains(QLatin1String("no password supplied")) ||
           problem.contains(QLatin1String("fe_sendauth"));
}

void logLine(const QString &text)
{
    if (auto logger = spdlog::get("strata"))
        logger->info("{}", text.toStdString());
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>())
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/strata.svg")));

    m_activityLog = new ActivityLog(ActivityLog::defaultDirectory(), this);
    m_profileDock = new ProfileDock(this);
    addDockWidget(Qt::LeftDockWidgetArea, m_profileDock);
    m_logDock = new LogDock(this);
    m_logDock->attach(m_activityLog);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    m_ui->menuView->addAction(m_profileDock->toggleViewAction());
    m_ui->menuView->addAction(m_logDock->toggleViewAction());
    m_ui->menuView->addAction(m_ui->toolBar->toggleViewAction());

    setupViews();
    setupActions();

    m_elapsedTicker.setInterval(250);
    connect(&m_elapsedTicker, &QTimer::timeout, this,
            [this] { onProgress(m_runningProfile, m_lastProgress); });

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    resizeDocks({m_profileDock}, {300}, Qt::Horizontal);
    resizeDocks({m_logDock}, {150}, Qt::Vertical);

    // STRATA_NO_KEYCHAIN: passwords for this session only, the system keychain untouched (tests,
    // machines without a desktop session).
    if (qEnvironmentVariableIsSet("STRATA_NO_KEYCHAIN"))
        setPasswordVault(new MemoryVault);
    else
        setPasswordVault(new KeychainVault);
    loadProfiles();
    reloadAudit();
}

MainWindow::~MainWindow()
{
    // Controllers cancel and join their threads before the models they report to go.
    qDeleteAll(m_controllers);
    m_controllers.clear();
}

void MainWindow::setupViews()
{
    m_historyModel = new HistoryModel(this);
    m_historyFilter = new QSortFilterProxyModel(this);
    m_historyFilter->setSourceModel(m_historyModel);
    m_historyFilter->setFilterKeyColumn(-1);
    m_historyFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    QTableView *history = m_ui->historyView;
    history->setModel(m_historyFilter);
    history->setItemDelegateForColumn(HistoryModel::Graph, new GraphDelegate(history));
    history->verticalHeader()->hide();
    history->verticalHeader()->setDefaultSectionSize(history->fontMetrics().height() + 8);
    history->setWordWrap(false);
    QHeaderView *header = history->horizontalHeader();
    const int charWidth = history->fontMetrics().horizontalAdvance(QLatin1Char('m'));
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(HistoryModel::Message, QHeaderView::Stretch);
    // Fixed widths that fit typical content and the (translated) header: measuring 10,000 rows
    // would cost more than it shows.
    const QList<std::pair<int, int>> widths{
        {HistoryModel::Revision, 12},  {HistoryModel::Labels, 9},    {HistoryModel::State, 11},
        {HistoryModel::AppliedAt, 13}, {HistoryModel::AppliedBy, 8}, {HistoryModel::Duration, 7}};
    for (const auto &[column, chars] : widths)
        history->setColumnWidth(column,
                                std::max(charWidth * chars, header->sectionSizeHint(column)));
    connect(m_ui->historyFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_historyFilter->setFilterFixedString(text);
        // Lanes only make sense over the whole history.
        m_ui->historyView->setColumnHidden(HistoryModel::Graph, !text.isEmpty());
    });
    connect(history->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::updateActions);
    connect(history, &QTableView::doubleClicked, this, [this] {
        const QString revision = selectedRevision();
        const SnapshotPtr snap = m_snapshots.value(m_current);
        const RevisionRow *row = snap ? snap->row(revision) : nullptr;
        if (!row || row->state == RevisionRow::State::MissingFile)
            return;
        const bool applied = row->state == RevisionRow::State::Applied ||
                             row->state == RevisionRow::State::Current ||
                             row->state == RevisionRow::State::Edited;
        PlanRequest preview;
        preview.kind = applied ? PlanRequest::Kind::Downgrade : PlanRequest::Kind::Upgrade;
        preview.targets = {revision};
        previewPlan(preview);
        m_ui->tabs->setCurrentWidget(m_ui->pendingTab);
    });

    m_planModel = new PlanModel(this);
    QTableView *pending = m_ui->pendingView;
    pending->setModel(m_planModel);
    pending->verticalHeader()->hide();
    pending->setWordWrap(false);
    pending->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    pending->horizontalHeader()->setSectionResizeMode(PlanModel::Message, QHeaderView::Stretch);
    connect(pending->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::showPendingSql);
    m_ui->pendingSplitter->setStretchFactor(0, 1);
    m_ui->pendingSplitter->setStretchFactor(1, 1);
    m_ui->pendingSplitter->setSizes({560, 440});
    pending->verticalHeader()->setDefaultSectionSize(
        history->verticalHeader()->defaultSectionSize());
    m_ui->exportSqlButton->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    connect(m_ui->exportSqlButton, &QPushButton::clicked, this, &MainWindow::exportPendingSql);

    m_auditModel = new AuditModel(this);
    m_auditFilter = new QSortFilterProxyModel(this);
    m_auditFilter->setSourceModel(m_auditModel);
    m_auditFilter->setFilterKeyColumn(-1);
    m_auditFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_auditFilter->setSortRole(AuditModel::SortRole);
    m_ui->auditView->setModel(m_auditFilter);
    m_ui->auditView->sortByColumn(AuditModel::Time, Qt::DescendingOrder);
    m_ui->auditView->verticalHeader()->hide();
    m_ui->auditView->setWordWrap(false);
    m_ui->auditView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->auditView->horizontalHeader()->setStretchLastSection(true);
    connect(m_ui->auditFilter, &QLineEdit::textChanged, m_auditFilter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ui->tabs->currentWidget() == m_ui->auditTab)
            reloadAudit();
    });

    m_ui->progressPanel->hide();
    connect(m_ui->cancelButton, &QPushButton::clicked, this, [this] {
        if (JobController *c = m_controllers.value(m_runningProfile)) {
            c->cancel();
            m_ui->cancelButton->setEnabled(false);
            m_ui->cancelButton->setText(tr("Cancelling…"));
        }
    });

    m_ui->problemLabel->hide();
    m_ui->problemLabel->setStyleSheet(
        QStringLiteral("background: #fff3e0; color: #5d4037; border: 1px solid #ffb74d;"));

    connect(m_ui->openExampleButton, &QPushButton::clicked, this, &MainWindow::openExample);
    connect(m_ui->newProfileButton, &QPushButton::clicked, this, &MainWindow::newProfile);
    connect(m_ui->importServiceButton, &QPushButton::clicked, this, &MainWindow::importService);
    connect(m_profileDock, &ProfileDock::profileSelected, this, &MainWindow::selectProfile);
    connect(m_profileDock, &ProfileDock::editRequested, this, &MainWindow::editProfile);
}

void MainWindow::setupActions()
{
    Ui::MainWindow &ui = *m_ui;
    connect(ui.actionNewProfile, &QAction::triggered, this, &MainWindow::newProfile);
    connect(ui.actionEditProfile, &QAction::triggered, this, [this] { editProfile(m_current); });
    connect(ui.actionDeleteProfile, &QAction::triggered, this, [this] {
        if (m_current.isEmpty() || (m_session && m_current == m_session->profile.name))
            return;
        const auto answer = QMessageBox::question(
            this, tr("Delete Profile"),
            tr("Delete the profile <b>%1</b>? The database and the migration files are not "
               "touched.")
                .arg(m_current.toHtmlEscaped()));
        if (answer == QMessageBox::Yes)
            deleteProfile(m_current);
    });
    connect(ui.actionImportService, &QAction::triggered, this, &MainWindow::importService);
    connect(ui.actionImportProfiles, &QAction::triggered, this, &MainWindow::importProfiles);
    connect(ui.actionExportProfiles, &QAction::triggered, this, &MainWindow::exportProfiles);
    connect(ui.actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui.actionRefresh, &QAction::triggered, this, [this] {
        m_passwordState.clear(); // a refresh by hand may ask for passwords again
        refreshAll();
    });
    connect(ui.actionUpgradeHeads, &QAction::triggered, this,
            [this] { request(PlanRequest::Kind::Upgrade, QStringLiteral("heads")); });
    connect(ui.actionUpgradeSelected, &QAction::triggered, this,
            [this] { request(PlanRequest::Kind::Upgrade, selectedRevision()); });
    connect(ui.actionDowngradeSelected, &QAction::triggered, this,
            [this] { request(PlanRequest::Kind::Downgrade, selectedRevision()); });
    connect(ui.actionStamp, &QAction::triggered, this, &MainWindow::stamp);
    connect(ui.actionNewMigration, &QAction::triggered, this, &MainWindow::newMigration);
    connect(ui.actionGenerateSql, &QAction::triggered, this, [this] {
        request(PlanRequest::Kind::Upgrade, QStringLiteral("heads"),
                PlanRequest::Purpose::ExportSql);
    });
    connect(ui.actionLanguage, &QAction::triggered, this, &MainWindow::chooseLanguage);
    connect(ui.actionAbout, &QAction::triggered, this, &MainWindow::about);

    ui.actionRefresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    ui.actionUpgradeHeads->setIcon(style()->standardIcon(QStyle::SP_ArrowUp));
    ui.actionDowngradeSelected->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    ui.actionGenerateSql->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));

    // The History tab's context menu: what can be done with the selected revision.
    ui.historyView->addAction(ui.actionUpgradeSelected);
    ui.historyView->addAction(ui.actionDowngradeSelected);
    ui.historyView->addAction(ui.actionStamp);
    ui.historyView->addAction(ui.actionNewMigration);
    m_profileDock->tree()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_profileDock->tree()->addActions(
        {ui.actionEditProfile, ui.actionDeleteProfile, ui.actionRefresh, ui.actionUpgradeHeads});
    updateActions();
}

QString MainWindow::exampleProjectDir()
{
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral(STRATA_INSTALLED_EXAMPLE_DIR));
    // An installed app prefers its own copy: the source tree it was built from may be gone.
    for (const QString &dir : {installed, QStringLiteral(STRATA_EXAMPLE_DIR)}) {
        if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("strata.ini"))))
            return dir;
    }
    return {};
}

void MainWindow::loadProfiles()
{
    auto loaded = ProfileStore(ProfileStore::defaultFilePath()).load();
    if (!loaded) {
        m_profiles.clear();
        m_ui->problemLabel->setText(
            tr("Your saved profiles could not be read: %1").arg(loaded.error().toString()));
        m_ui->problemLabel->show();
    } else {
        m_profiles = *loaded;
    }
    showProfiles();
    // The profile and tab of the last session, when they are still there.
    QSettings settings;
    const QString last = settings.value(QStringLiteral("window/profile")).toString();
    if (profile(last))
        selectProfile(last);
    else if (!m_profiles.isEmpty())
        selectProfile(m_profiles.first().name);
    m_ui->tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
    refreshAll();
}

void MainWindow::showProfiles()
{
    QList<Profile> shown = m_profiles;
    if (m_session)
        shown.prepend(m_session->profile);
    m_profileDock->setProfiles(shown);
    m_ui->stack->setCurrentWidget(shown.isEmpty() ? m_ui->welcomePage : m_ui->workPage);
    m_ui->openExampleButton->setEnabled(!exampleProjectDir().isEmpty());
    if (!m_current.isEmpty())
        m_profileDock->select(m_current);
    updateActions();
}

const Profile *MainWindow::profile(const QString &name) const
{
    if (m_session && m_session->profile.name == name)
        return &m_session->profile;
    for (const Profile &p : m_profiles) {
        if (p.name == name)
            return &p;
    }
    return nullptr;
}

MigratorOptions MainWindow::optionsFor(const Profile &p) const
{
    MigratorOptions options;
    options.projectDir = p.projectDir;
    options.versionTable = p.versionTable;
    options.schema = p.schema;
    if (m_session && m_session->profile.name == p.name)
        options.url = m_session->url;
    else
        options.url = p.url(m_passwords.value(p.name));
    return options;
}

JobController *MainWindow::controller(const QString &name)
{
    if (JobController *c = m_controllers.value(name))
        return c;
    const Profile *p = profile(name);
    if (!p)
        return nullptr;
    auto *c = new JobController(optionsFor(*p), name, this);
    MigrationWorker *w = c->worker();
    connect(w, &MigrationWorker::snapshotReady, this,
            [this, name](const SnapshotPtr &s) { onSnapshot(name, s); });
    connect(w, &MigrationWorker::snapshotFailed, this,
            [this, name](const Error &e) { onSnapshotFailed(name, e); });
    connect(w, &MigrationWorker::planReady, this,
            [this, name](const PlanRequest &r, const Plan &plan, const QString &sql) {
                onPlanReady(name, r, plan, sql);
            });
    connect(w, &MigrationWorker::planFailed, this,
            [this, name](const PlanRequest &r, const Error &e) { onPlanFailed(name, r, e); });
    connect(w, &MigrationWorker::progress, this,
            [this, name](const JobProgress &p) { onProgress(name, p); });
    connect(w, &MigrationWorker::runFinished, this,
            [this, name](const JobResult &r) { onRunFinished(name, r); });
    m_controllers.insert(name, c);
    return c;
}

void MainWindow::dropController(const QString &name)
{
    delete m_controllers.take(name); // cancels and joins its thread
    m_snapshots.remove(name);
    m_preview.remove(name);
}

void MainWindow::refreshAll()
{
    QStringList names;
    if (m_session)
        names << m_session->profile.name;
    for (const Profile &p : std::as_const(m_profiles))
        names << p.name;
    for (const QString &name : std::as_const(names))
        refresh(name);
}

void MainWindow::refresh(const QString &name)
{
    JobController *c = controller(name);
    if (!c || c->isRunning())
        return;
    m_profileDock->setBadge(name, ProfileDock::Badge::Checking);
    c->refresh();
}

void MainWindow::selectProfile(const QString &name)
{
    if (!profile(name))
        return;
    m_current = name;
    m_profileDock->select(name);
    showCurrent();
}

void MainWindow::showCurrent()
{
    updateBanner();
    const SnapshotPtr snap = m_snapshots.value(m_current);
    const QString selected = selectedRevision();
    m_historyModel->setSnapshot(snap);
    if (snap) {
        m_ui->historyView->setColumnWidth(HistoryModel::Graph,
                                          GraphDelegate::laneWidth * (snap->graphWidth + 1));
        if (const auto it = snap->rowOf.constFind(selected); it != snap->rowOf.constEnd()) {
            const QModelIndex index =
                m_historyFilter->mapFromSource(m_historyModel->index(*it, HistoryModel::Revision));
            m_ui->historyView->setCurrentIndex(index);
        }
    }
    if (!snap || !m_preview.contains(m_current)) {
        m_planModel->clear();
        m_ui->pendingSql->showSql({});
        m_previewSql.clear();
        m_ui->pendingSummary->setText(snap ? tr("Reading the plan…") : tr("Reading the database…"));
    }
    if (snap) {
        PlanRequest preview;
        preview.targets = {QStringLiteral("heads")};
        previewPlan(m_preview.value(m_current, preview));
    }
    updateProblems();
    updateActions();
}

void MainWindow::updateBanner()
{
    const Profile *p = profile(m_current);
    if (!p) {
        m_ui->bannerLabel->setText(tr("No profile selected"));
        m_ui->bannerLabel->setStyleSheet({});
        setWindowTitle(tr("Strata"));
        return;
    }
    const SnapshotPtr snap = m_snapshots.value(m_current);
    const QString target = snap && !snap->database.isEmpty() ? snap->database : p->displayTarget();
    QString text =
        tr("<b>%1</b> &nbsp;·&nbsp; %2 &nbsp;·&nbsp; %3")
            .arg(p->name.toHtmlEscaped(), p->environment.toHtmlEscaped(), target.toHtmlEscaped());
    if (p->isProtected)
        text += tr(" &nbsp;·&nbsp; <b>protected</b>");
    if (snap) {
        const QString at =
            snap->current.isEmpty() ? tr("empty (base)") : snap->current.join(QLatin1String(", "));
        text += tr(" &nbsp;·&nbsp; at %1").arg(at.toHtmlEscaped());
    }
    m_ui->bannerLabel->setText(text);
    m_ui->bannerLabel->setStyleSheet(
        QStringLiteral("background: %1; color: %2;").arg(p->colour, textColourOn(p->colour)));
    setWindowTitle(tr("%1 (%2) – Strata").arg(p->name, p->environment));
}

void MainWindow::updateProblems()
{
    const SnapshotPtr snap = m_snapshots.value(m_current);
    const Profile *p = profile(m_current);
    QStringList lines;
    if (p && p->projectDir.isEmpty() && !(m_session && m_session->profile.name == m_current))
        lines << tr("This profile has no migration project yet: choose one with Edit Profile.");
    if (snap) {
        if (!snap->reachable)
            lines << tr("The database could not be read: %1").arg(snap->problem);
        else if (!snap->problem.isEmpty())
            lines << snap->problem;
        if (!snap->edited.isEmpty())
            lines << tr("Edited since applied: %1. Their files no longer match what ran; review "
                        "them, then accept them with `strata repair`.")
                         .arg(snap->edited.join(QLatin1String(", ")));
        if (!snap->failed.isEmpty())
            lines << tr("The last run of %1 failed and was rolled back; fix the migration and "
                        "upgrade again.")
                         .arg(snap->failed.join(QLatin1String(", ")));
        for (const RevisionRow &row : snap->rows) {
            if (row.state == RevisionRow::State::MissingFile)
                lines << tr("The database is at %1, which no migration file has. Restore the "
                            "file, or stamp the database to a known revision.")
                             .arg(row.id);
        }
    }
    m_ui->problemLabel->setText(lines.join(QLatin1Char('\n')));
    m_ui->problemLabel->setVisible(!lines.isEmpty());
}

void MainWindow::updateActions()
{
    const bool have = profile(m_current) != nullptr;
    const SnapshotPtr snap = m_snapshots.value(m_current);
    const bool busy = isRunning();
    const bool ready = have && snap && snap->reachable && !busy;
    const bool isSession = m_session && m_session->profile.name == m_current;
    m_ui->actionEditProfile->setEnabled(have && !busy && !isSession);
    m_ui->actionDeleteProfile->setEnabled(have && !busy && !isSession);
    m_ui->actionRefresh->setEnabled(!busy);
    m_ui->actionUpgradeHeads->setEnabled(ready && !snap->pending.isEmpty());
    const bool revision = ready && !selectedRevision().isEmpty();
    m_ui->actionUpgradeSelected->setEnabled(revision);
    m_ui->actionDowngradeSelected->setEnabled(revision);
    m_ui->actionStamp->setEnabled(ready);
    m_ui->actionNewMigration->setEnabled(have && snap && !busy);
    m_ui->actionGenerateSql->setEnabled(have && snap && !busy);
    m_ui->exportSqlButton->setEnabled(!m_previewSql.isEmpty());
}

QString MainWindow::selectedRevision() const
{
    const QModelIndex index = m_ui->historyView->currentIndex();
    if (!index.isValid())
        return {};
    const QModelIndex source = m_historyFilter->mapToSource(index);
    const RevisionRow *row = m_historyModel->revisionAt(source.row());
    return row ? row->id : QString();
}

void MainWindow::onSnapshot(const QString &name, const SnapshotPtr &snapshot)
{
    m_snapshots.insert(name, snapshot);
    if (!snapshot->reachable)
        m_profileDock->setBadge(name, ProfileDock::Badge::Unreachable, 0, snapshot->problem);
    else if (!snapshot->edited.isEmpty())
        m_profileDock->setBadge(name, ProfileDock::Badge::Edited, int(snapshot->edited.size()));
    else if (!snapshot->pending.isEmpty())
        m_profileDock->setBadge(name, ProfileDock::Badge::Pending, int(snapshot->pending.size()));
    else
        m_profileDock->setBadge(name, ProfileDock::Badge::UpToDate);
    if (name == m_current)
        showCurrent();
    if (!snapshot->reachable)
        maybeAskPassword(name, snapshot->problem);
    Q_EMIT snapshotUpdated(name);
}

void MainWindow::onSnapshotFailed(const QString &name, const Error &error)
{
    m_snapshots.remove(name);
    m_profileDock->setBadge(name, ProfileDock::Badge::Unreachable, 0, error.toString());
    if (name == m_current) {
        showCurrent();
        m_ui->problemLabel->setText(tr("The project could not be read: %1").arg(error.toString()));
        m_ui->problemLabel->show();
    }
    Q_EMIT snapshotUpdated(name);
}

void MainWindow::maybeAskPassword(const QString &name, const QString &problem)
{
    const Profile *p = profile(name);
    if (!p || p->engine != Profile::Engine::Postgres || !isPasswordProblem(problem) ||
        (m_session && m_session->profile.name == name))
        return;
    m_passwordProblem.insert(name, problem);
    switch (m_passwordState.value(name, PasswordState::None)) {
    case PasswordState::None:
        // First the keychain; a person is asked only when it has nothing that works.
        m_passwordState.insert(name, PasswordState::FromVault);
        m_vault->read(name);
        return;
    case PasswordState::FromVault:
        promptPassword(name);
        return;
    case PasswordState::Prompted:
        return; // once per session; Refresh asks again
    }
}

void MainWindow::promptPassword(const QString &name)
{
    m_passwordState.insert(name, PasswordState::Prompted);
    // Asked after the current signal returns, so the prompt never nests inside a refresh.
    QTimer::singleShot(0, this, [this, name] {
        const Profile *p = profile(name);
        if (!p)
            return;
        PasswordDialog dialog(name, p->displayTarget(),
                              p->user.isEmpty() ? tr("the default user") : p->user,
                              m_passwordProblem.value(name), this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        if (dialog.remember())
            m_vault->write(name, dialog.password());
        setSessionPassword(name, dialog.password());
    });
}

void MainWindow::setPasswordVault(PasswordVault *vault)
{
    delete m_vault;
    m_vault = vault;
    vault->setParent(this);
    connect(vault, &PasswordVault::found, this,
            [this](const QString &name, const QString &password) {
                if (profile(name))
                    setSessionPassword(name, password);
            });
    connect(vault, &PasswordVault::missing, this, [this](const QString &name, const QString &why) {
        if (!profile(name))
            return;
        logLine(tr("%1: no password from the keychain (%2).").arg(name, why));
        promptPassword(name);
    });
    connect(vault, &PasswordVault::written, this,
            [this](const QString &name, bool ok, const QString &message) {
                if (!ok)
                    statusBar()->showMessage(
                        tr("The keychain did not keep the password of %1: %2").arg(name, message),
                        10000);
            });
}

void MainWindow::setSessionPassword(const QString &name, const QString &password)
{
    m_passwords.insert(name, password);
    const Profile *p = profile(name);
    if (!p)
        return;
    controller(name)->setOptions(optionsFor(*p));
    refresh(name);
}

void MainWindow::previewPlan(const PlanRequest &requested)
{
    PlanRequest preview = requested;
    preview.purpose = PlanRequest::Purpose::Preview;
    m_preview.insert(m_current, preview);
    if (JobController *c = controller(m_current); c && !c->isRunning())
        c->preparePlan(preview);
}

void MainWindow::request(PlanRequest::Kind kind, const QString &target,
                         PlanRequest::Purpose purpose)
{
    JobController *c = controller(m_current);
    if (!c || c->isRunning() || target.isEmpty())
        return;
    PlanRequest r;
    r.kind = kind;
    r.targets = {target};
    r.purpose = purpose;
    statusBar()->showMessage(tr("Planning: %1…").arg(r.description()));
    c->preparePlan(r);
}

void MainWindow::onPlanReady(const QString &name, const PlanRequest &request, const Plan &plan,
                             const QString &offlineSql)
{
    statusBar()->clearMessage();
    const Profile *p = profile(name);
    if (!p)
        return;
    switch (request.purpose) {
    case PlanRequest::Purpose::Preview: {
        if (name != m_current)
            return;
        m_planModel->setPlan(plan, m_snapshots.value(name));
        m_previewSql = offlineSql;
        const QString towards = request.targets.value(0) == QLatin1String("heads")
                                    ? tr("the heads")
                                    : request.targets.value(0);
        if (plan.steps.isEmpty())
            m_ui->pendingSummary->setText(tr("Nothing to do: the database is at %1.").arg(towards));
        else
            m_ui->pendingSummary->setText(
                tr("%n step(s) from %1 to %2. Double-click a revision in History to plan towards "
                   "it.",
                   nullptr, int(plan.steps.size()))
                    .arg(plan.startHeads.isEmpty() ? tr("base")
                                                   : plan.startHeads.join(QLatin1String(", ")),
                         towards));
        if (!plan.steps.isEmpty())
            m_ui->pendingView->selectRow(0);
        else
            m_ui->pendingSql->showSql({});
        updateActions();
        Q_EMIT previewUpdated(name);
        return;
    }
    case PlanRequest::Purpose::ExportSql:
        writeSql(offlineSql, QStringLiteral("%1-upgrade.sql").arg(p->name));
        return;
    case PlanRequest::Purpose::Run:
        break;
    }

    if (plan.steps.isEmpty() && !plan.purge) {
        statusBar()->showMessage(tr("%1: nothing to do.").arg(request.description()), 5000);
        return;
    }
    ConfirmRunDialog confirm(*p, request, plan, m_snapshots.value(name).get(), this);
    if (confirm.exec() != QDialog::Accepted) {
        statusBar()->showMessage(tr("%1: not run.").arg(request.description()), 5000);
        return;
    }
    JobController *c = controller(name);
    if (!c || c->isRunning())
        return;
    m_runningProfile = name;
    m_lastProgress = JobProgress{};
    m_lastProgress.stepCount = int(plan.steps.size());
    m_runClock.start();
    m_elapsedTicker.start();
    m_ui->progressPanel->show();
    m_ui->cancelButton->setEnabled(true);
    m_ui->cancelButton->setText(tr("Cancel"));
    m_ui->progressBar->setRange(0, int(plan.steps.size()) * 100);
    m_ui->progressBar->setValue(0);
    m_ui->progressLabel->setText(tr("%1: starting…").arg(request.description()));
    c->runPlan(request, plan, RunContext{name, confirm.reason()});
    updateActions();
}

void MainWindow::onPlanFailed(const QString &name, const PlanRequest &request, const Error &error)
{
    statusBar()->clearMessage();
    if (request.purpose == PlanRequest::Purpose::Preview) {
        if (name != m_current)
            return;
        m_planModel->clear();
        m_previewSql.clear();
        m_ui->pendingSummary->setText(tr("No plan: %1").arg(error.toString()));
        updateActions();
        return;
    }
    QMessageBox::warning(
        this, request.description(),
        tr("%1 cannot be planned:\n\n%2").arg(request.description(), error.toString()));
}

void MainWindow::onProgress(const QString &name, const JobProgress &progress)
{
    if (name != m_runningProfile || name.isEmpty())
        return;
    m_lastProgress = progress;
    const double seconds = double(m_runClock.elapsed()) / 1000.0;
    if (progress.step == 0) {
        m_ui->progressLabel->setText(tr("Waiting for the database… %1 s").arg(seconds, 0, 'f', 1));
        return;
    }
    const QString what = progress.stamp                        ? tr("stamp")
                         : progress.direction == Direction::Up ? tr("upgrade")
                                                               : tr("downgrade");
    QString text = tr("Step %1 of %2: %3 %4 %5")
                       .arg(progress.step)
                       .arg(progress.stepCount)
                       .arg(what, progress.revision, progress.message);
    if (progress.statementCount > 0)
        text += tr(" · statement %1 of %2").arg(progress.statement).arg(progress.statementCount);
    text += tr(" · %1 s").arg(seconds, 0, 'f', 1);
    m_ui->progressLabel->setText(text);
    const int within = progress.statementCount > 0
                           ? 100 * std::max(progress.statement - 1, 0) / progress.statementCount
                           : 0;
    m_ui->progressBar->setValue((progress.step - 1) * 100 + within);
}

void MainWindow::onRunFinished(const QString &name, const JobResult &result)
{
    m_elapsedTicker.stop();
    m_runningProfile.clear();
    m_ui->progressPanel->hide();
    const QString seconds = QString::number(double(result.durationMs) / 1000.0, 'f', 1);
    if (result.success) {
        statusBar()->showMessage(tr("%1 on %2: %n step(s) in %3 s.", nullptr, result.stepsRun)
                                     .arg(result.action, name, seconds),
                                 10000);
    } else if (result.cancelled) {
        statusBar()->showMessage(
            tr("%1 on %2 cancelled after %3 s; the interrupted step was rolled back.")
                .arg(result.action, name, seconds),
            10000);
    } else {
        const QString at = result.toRevisions.isEmpty()
                               ? tr("base")
                               : result.toRevisions.join(QLatin1String(", "));
        auto *box = new QMessageBox(
            QMessageBox::Critical, tr("%1 failed").arg(result.action),
            tr("%1 on %2 failed. The database is at %3; the failing step was rolled back.")
                .arg(result.action, name, at),
            QMessageBox::Ok, this);
        box->setDetailedText(result.error.toString());
        box->setInformativeText(result.error.message);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    reloadAudit();
    updateActions();
    Q_EMIT runFinished(name, result.success);
}

void MainWindow::showPendingSql()
{
    const int row = m_ui->pendingView->currentIndex().row();
    int firstLine = 1;
    const QString sql = m_planModel->sqlOf(row, &firstLine);
    if (row >= 0 && sql.isEmpty() && row < m_planModel->plan().steps.size())
        m_ui->pendingSql->showSql(m_planModel->plan().steps.at(row).stamp
                                      ? tr("-- A stamp changes only the version rows.")
                                      : tr("-- This step has no SQL."));
    else
        m_ui->pendingSql->showSql(sql, std::max(firstLine, 1));
}

bool MainWindow::isRunning() const
{
    for (const JobController *c : m_controllers) {
        if (c->isRunning())
            return true;
    }
    return false;
}

QString MainWindow::logFilePath() const
{
    return m_activityLog->filePath();
}

void MainWindow::openProject(const QString &projectDir, const QString &url)
{
    m_session = std::make_unique<Session>();
    Profile &p = m_session->profile;
    const QString absolute = QFileInfo(projectDir).absoluteFilePath();
    p.name = tr("%1 (this session)").arg(QFileInfo(absolute).fileName());
    p.environment = tr("Opened");
    p.colour = QStringLiteral("#546e7a");
    p.projectDir = absolute;
    m_session->url = url;
    if (!url.isEmpty()) {
        if (auto info = ConnectionResolver::parseUrl(url, absolute);
            info && info->engine == ConnectionInfo::Engine::Sqlite) {
            p.engine = Profile::Engine::Sqlite;
            p.sqliteFile = info->sqlitePath;
        } else {
            p.engine = Profile::Engine::Postgres;
        }
    }
    showProfiles();
    selectProfile(p.name);
    refresh(p.name);
}

void MainWindow::openExample()
{
    const QString project = exampleProjectDir();
    if (project.isEmpty())
        return;
    Profile p = Profile::forEnvironment(QStringLiteral("Development"));
    p.name = tr("Example shop (SQLite)");
    p.projectDir = project;
    const QString dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dataDir);
    p.sqliteFile = QDir(dataDir).filePath(QStringLiteral("example-shop.db"));
    saveProfile(p, profile(p.name) ? p.name : QString());
    selectProfile(p.name);
}

void MainWindow::saveProfile(const Profile &p, const QString &oldName)
{
    QList<Profile> next = m_profiles;
    bool replaced = false;
    for (Profile &existing : next) {
        if (!oldName.isEmpty() && existing.name == oldName) {
            existing = p;
            replaced = true;
        }
    }
    if (!replaced)
        next.append(p);
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(next); !s) {
        QMessageBox::critical(this, tr("Profiles Not Saved"), s.error().toString());
        return;
    }
    m_profiles = next;
    if (!oldName.isEmpty()) {
        dropController(oldName);
        if (oldName != p.name) {
            m_passwords.insert(p.name, m_passwords.take(oldName));
            m_vault->remove(oldName); // stored under the old name; asked again when needed
        }
        if (m_current == oldName)
            m_current = p.name;
    }
    logLine(replaced ? tr("Profile %1 saved.").arg(p.name) : tr("Profile %1 added.").arg(p.name));
    showProfiles();
    if (m_current.isEmpty())
        m_current = p.name;
    selectProfile(m_current);
    refresh(p.name);
}

void MainWindow::deleteProfile(const QString &name)
{
    QList<Profile> next = m_profiles;
    next.removeIf([&name](const Profile &p) { return p.name == name; });
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(next); !s) {
        QMessageBox::critical(this, tr("Profiles Not Saved"), s.error().toString());
        return;
    }
    m_profiles = next;
    dropController(name);
    m_passwords.remove(name);
    m_passwordState.remove(name);
    m_vault->remove(name);
    logLine(tr("Profile %1 deleted.").arg(name));
    if (m_current == name) {
        m_current.clear();
        if (m_session)
            m_current = m_session->profile.name;
        else if (!m_profiles.isEmpty())
            m_current = m_profiles.first().name;
    }
    showProfiles();
    if (!m_current.isEmpty())
        selectProfile(m_current);
    else
        showCurrent();
}

void MainWindow::newProfile()
{
    QStringList taken;
    for (const Profile &p : std::as_const(m_profiles))
        taken << p.name;
    Profile fresh = Profile::forEnvironment(QStringLiteral("Development"));
    fresh.engine = Profile::Engine::Postgres;
    ProfileDialog dialog(fresh, taken, this);
    if (dialog.exec() == QDialog::Accepted) {
        const Profile p = dialog.profile();
        saveProfile(p);
        selectProfile(p.name);
    }
}

void MainWindow::editProfile(const QString &name)
{
    const Profile *p = profile(name);
    if (!p || (m_session && name == m_session->profile.name))
        return;
    if (JobController *c = m_controllers.value(name); c && c->isRunning()) {
        QMessageBox::information(this, tr("Edit Profile"),
                                 tr("%1 is running a job; edit it when the job ends.").arg(name));
        return;
    }
    QStringList taken;
    for (const Profile &other : std::as_const(m_profiles)) {
        if (other.name != name)
            taken << other.name;
    }
    ProfileDialog dialog(*p, taken, this);
    if (dialog.exec() == QDialog::Accepted)
        saveProfile(dialog.profile(), name);
}

void MainWindow::importService()
{
    QString start = qEnvironmentVariable("PGSERVICEFILE");
    if (start.isEmpty())
        start = QDir::home().filePath(QStringLiteral(".pg_service.conf"));
    const QString file = QFileDialog::getOpenFileName(this, tr("Import pg_service.conf"), start,
                                                      tr("Service files (*.conf);;All files (*)"));
    if (file.isEmpty())
        return;
    auto imported = ProfileStore::importPgService(file);
    if (!imported) {
        QMessageBox::warning(this, tr("Import pg_service.conf"), imported.error().toString());
        return;
    }
    int added = 0;
    for (const Profile &p : std::as_const(*imported)) {
        if (profile(p.name))
            continue;
        m_profiles.append(p);
        ++added;
    }
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(m_profiles); !s)
        QMessageBox::critical(this, tr("Profiles Not Saved"), s.error().toString());
    showProfiles();
    refreshAll();
    statusBar()->showMessage(
        tr("%n service(s) imported; choose each one's migration project with Edit Profile.",
           nullptr, added),
        10000);
}

void MainWindow::importProfiles()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import Profiles"), {},
                                                      tr("Strata profiles (*.json)"));
    if (file.isEmpty())
        return;
    auto imported = ProfileStore::importFrom(file);
    if (!imported) {
        QMessageBox::warning(this, tr("Import Profiles"), imported.error().toString());
        return;
    }
    QStringList skipped;
    for (const Profile &p : std::as_const(*imported)) {
        if (profile(p.name))
            skipped << p.name;
        else
            m_profiles.append(p);
    }
    if (auto s = ProfileStore(ProfileStore::defaultFilePath()).save(m_profiles); !s)
        QMessageBox::critical(this, tr("Profiles Not Saved"), s.error().toString());
    showProfiles();
    refreshAll();
    if (!skipped.isEmpty())
        QMessageBox::information(
            this, tr("Import Profiles"),
            tr("Already present, not imported: %1").arg(skipped.join(QLatin1String(", "))));
}

void MainWindow::exportProfiles()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("Export Profiles"),
                                                      QStringLiteral("strata-profiles.json"),
                                                      tr("Strata profiles (*.json)"));
    if (file.isEmpty())
        return;
    if (auto s = ProfileStore::exportTo(file, m_profiles); !s)
        QMessageBox::critical(this, tr("Export Profiles"), s.error().toString());
    else
        statusBar()->showMessage(
            tr("%n profile(s) exported, without passwords.", nullptr, int(m_profiles.size())),
            10000);
}

void MainWindow::stamp()
{
    const QString selected = selectedRevision();
    StampDialog dialog(selected.isEmpty() ? QStringLiteral("heads") : selected, this);
    JobController *c = controller(m_current);
    if (dialog.exec() != QDialog::Accepted || !c || c->isRunning())
        return;
    PlanRequest r;
    r.kind = PlanRequest::Kind::Stamp;
    r.targets = dialog.targets();
    r.purge = dialog.purge();
    r.purpose = PlanRequest::Purpose::Run;
    c->preparePlan(r);
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
    NewMigrationDialog dialog(snap->projectRoot, snap->heads, parent, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString file = QDir(snap->projectRoot).relativeFilePath(dialog.writtenFile());
    logLine(tr("%1: wrote %2.").arg(m_current, file));
    statusBar()->showMessage(tr("Wrote %1.").arg(file), 10000);
    refresh(m_current);
}

void MainWindow::exportPendingSql()
{
    writeSql(m_previewSql, QStringLiteral("%1-pending.sql").arg(m_current));
}

void MainWindow::writeSql(const QString &sql, const QString &suggestedName)
{
    if (sql.isEmpty()) {
        statusBar()->showMessage(tr("Nothing to export: no step is pending."), 5000);
        return;
    }
    QString safeName = suggestedName;
    safeName.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Save SQL"), safeName, tr("SQL scripts (*.sql)"));
    if (file.isEmpty())
        return;
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(sql.toUtf8()) < 0 || !out.commit()) {
        QMessageBox::critical(this, tr("Save SQL"),
                              tr("Cannot write %1: %2").arg(file, out.errorString()));
        return;
    }
    statusBar()->showMessage(tr("SQL written to %1.").arg(file), 10000);
}

void MainWindow::chooseLanguage()
{
    const QStringList codes{QString(), QStringLiteral("en"), QStringLiteral("de")};
    const QStringList names{tr("System default"), QStringLiteral("English"),
                            QStringLiteral("Deutsch")};
    QSettings settings;
    const int current =
        std::max<int>(0, int(codes.indexOf(settings.value(QStringLiteral("language")).toString())));
    bool ok = false;
    const QString chosen =
        QInputDialog::getItem(this, tr("Language"), tr("Language of Strata (after a restart):"),
                              names, current, false, &ok);
    if (!ok)
        return;
    settings.setValue(QStringLiteral("language"), codes.value(names.indexOf(chosen)));
    statusBar()->showMessage(tr("The language changes when Strata starts again."), 10000);
}

void MainWindow::about()
{
    QMessageBox::about(
        this, tr("About Strata"),
        tr("<h3>Strata %1</h3><p>Database schema migrations as SQL files: profiles for every "
           "environment, history, pending plans, upgrades, downgrades and stamps.</p>"
           "<p>Log file: %2<br>Audit log: %3</p>")
            .arg(QStringLiteral(STRATA_VERSION_STRING), logFilePath().toHtmlEscaped(),
                 AuditLog::defaultFilePath().toHtmlEscaped()));
}

void MainWindow::reloadAudit()
{
    if (auto s = m_auditModel->reload(AuditLog::defaultFilePath()); !s)
        statusBar()->showMessage(s.error().toString(), 10000);
    m_ui->auditView->resizeColumnsToContents();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("A Job Is Running"),
            tr("A migration is running. Cancel it and quit? The interrupted step is rolled "
               "back."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_ui->tabs->currentIndex());
    if (!(m_session && m_current == m_session->profile.name))
        settings.setValue(QStringLiteral("window/profile"), m_current);
    event->accept();
}

} // namespace strata::gui
