#include "mainwindow.h"

#include "audit/auditchainstatus.h"
#include "audit/auditlog.h"
#include "audit/auditmodel.h"
#include "authoring/authoringcontroller.h"
#include "authoring/editorarea.h"
#include "backups/backupscontroller.h"
#include "connection/connectioninfo.h"
#include "history/graphdelegate.h"
#include "history/historymodel.h"
#include "jobs/confirmrundialog.h"
#include "jobs/jobcontroller.h"
#include "jobs/jobpanel.h"
#include "jobs/quitguard.h"
#include "jobs/runscontroller.h"
#include "layout/columnwidths.h"
#include "layout/screenfit.h"
#include "log/activitylog.h"
#include "log/logdock.h"
#include "pending/pendingcontroller.h"
#include "profiles/environmentname.h"
#include "profiles/passworddialog.h"
#include "profiles/passwordvault.h"
#include "profiles/profiledialog.h"
#include "profiles/profiledock.h"
#include "profiles/profilescontroller.h"
#include "profiles/profilestore.h"
#include "schemadiff/schematab.h"
#include "settings/settingsdialog.h"
#include "status/driftmonitor.h"
#include "status/projectwatcher.h"
#include "status/statusboard.h"
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
#include <QTimer>
#include <QTreeWidget>

#include <spdlog/spdlog.h>

namespace strata::gui {

namespace {

// Colours of the state column and the banner text on an environment colour.
QString textColourOn(const QString &background)
{
    const QColor c(background);
    const double luminance = 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF();
    return luminance > 0.6 ? QStringLiteral("#000000") : QStringLiteral("#ffffff");
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

    m_profilesCtl = new ProfilesController(this, this);
    connect(m_profilesCtl, &ProfilesController::profilesChanged, this, &MainWindow::showProfiles);
    connect(m_profilesCtl, &ProfilesController::profileSaved, this, &MainWindow::onProfileSaved);
    connect(m_profilesCtl, &ProfilesController::profileRemoved, this,
            &MainWindow::onProfileRemoved);
    connect(m_profilesCtl, &ProfilesController::selectRequested, this, &MainWindow::selectProfile);
    connect(m_profilesCtl, &ProfilesController::imported, this, &MainWindow::refreshAll);
    connect(m_profilesCtl, &ProfilesController::passwordChanged, this, [this](const QString &name) {
        if (const Profile *p = profile(name)) {
            controller(name)->setOptions(m_profilesCtl->optionsFor(*p));
            refresh(name);
        }
    });
    connect(m_profilesCtl, &ProfilesController::logLine, this, &MainWindow::logLine);
    connect(m_profilesCtl, &ProfilesController::statusMessage, this,
            [this](const QString &text, int ms) { statusBar()->showMessage(text, ms); });

    m_jobPanel = new JobPanel(
        m_ui->progressPanel, m_ui->progressLabel, m_ui->progressBar, m_ui->cancelButton,
        [this](const QString &name) { return m_controllers.value(name); }, this);
    RunsController::Host host;
    host.profile = [this](const QString &name) { return profile(name); };
    host.snapshot = [this](const QString &name) { return m_snapshots.value(name); };
    host.jobs = [this](const QString &name) { return controller(name); };
    host.profileNames = [this] { return m_profilesCtl->names(); };
    m_runs = new RunsController(host, m_jobPanel, this, this);
    connect(m_runs, &RunsController::busyChanged, this, [this](const QString &name) {
        if (name == m_current)
            updateActions();
    });
    // Every profile's job shows in the profile list, the selected one's also in the panel.
    connect(m_jobPanel, &JobPanel::jobChanged, this, [this](const QString &name) {
        m_profileDock->setJob(name, m_jobPanel->summary(name), m_jobPanel->shortSummary(name));
    });
    m_quitGuard = new QuitGuard(
        m_jobPanel, [this] { return m_controllers; }, this);
    connect(m_runs, &RunsController::runFinished, this, &MainWindow::onRunFinished);
    connect(m_runs, &RunsController::logLine, this, &MainWindow::logLine);

    BackupsController::Views backupViews;
    backupViews.tabs = m_ui->tabs;
    backupViews.tab = m_ui->backupsTab;
    backupViews.list = m_ui->backupsView;
    backupViews.format = m_ui->backupFormatCombo;
    backupViews.keep = m_ui->keepSpin;
    backupViews.folder = m_ui->backupFolderLabel;
    backupViews.status = m_ui->backupStatus;
    backupViews.backupNow = m_ui->backupNowButton;
    backupViews.verify = m_ui->verifyBackupButton;
    backupViews.restore = m_ui->restoreBackupButton;
    BackupsController::Host backupHost;
    backupHost.profile = host.profile;
    backupHost.jobs = host.jobs;
    backupHost.current = [this] { return m_current; };
    backupHost.busy = [this](const QString &name) { return m_runs->isBusy(name); };
    backupHost.refusal = [this](const QString &name) { return m_runs->refusal(name); };
    backupHost.profiles = [this] { return m_profilesCtl->all(); };
    m_backups = new BackupsController(backupViews, backupHost, m_jobPanel, this, this);
    connect(m_backups, &BackupsController::logLine, this, &MainWindow::logLine);
    connect(m_backups, &BackupsController::changed, this, &MainWindow::updateActions);
    connect(m_backups, &BackupsController::restoreFinished, this, &MainWindow::reloadAudit);

    AuthoringController::Views authoringViews;
    authoringViews.tabs = m_ui->tabs;
    authoringViews.editorTab = m_ui->editorTab;
    authoringViews.editorArea = m_ui->editorArea;
    authoringViews.newMigration = m_ui->actionNewMigration;
    authoringViews.mergeHeads = m_ui->actionMergeHeads;
    authoringViews.openInEditor = m_ui->actionOpenInEditor;
    AuthoringController::Host authoringHost;
    authoringHost.profile = host.profile;
    authoringHost.snapshot = host.snapshot;
    authoringHost.jobs = host.jobs;
    authoringHost.current = backupHost.current;
    authoringHost.busy = backupHost.busy;
    authoringHost.refusal = backupHost.refusal;
    authoringHost.selectedRevision = [this] { return selectedRevision(); };
    authoringHost.refresh = [this](const QString &name) { refresh(name); };
    m_authoring = new AuthoringController(authoringViews, authoringHost, m_jobPanel, this, this);
    connect(m_authoring, &AuthoringController::catalogUpdated, this, &MainWindow::catalogUpdated);
    connect(m_authoring, &AuthoringController::trialFinished, this, &MainWindow::trialFinished);
    connect(m_authoring, &AuthoringController::logLine, this, &MainWindow::logLine);
    connect(m_authoring, &AuthoringController::statusMessage, this,
            [this](const QString &text, int ms) { statusBar()->showMessage(text, ms); });
    m_ui->schemaTab->setHost({m_profilesCtl, host.snapshot,
                              [this](const QString &path) { openInEditor(path); },
                              [this](const QString &name) { refresh(name); }});

    setupViews();
    setupActions();
    setupStatus();

    Settings::makeFilePrivate();
    QSettings settings;
    const bool restored =
        restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    // The designed size (mainwindow.ui) on a first run, and a geometry from a larger screen,
    // fit the screen's available area so docks and the status bar stay on screen.
    fitWindowToScreen(this, restored);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    resizeDocks({m_profileDock}, {300}, Qt::Horizontal);
    resizeDocks({m_logDock}, {150}, Qt::Vertical);
    // The banner wraps instead of holding the window wider than a 1024-pixel screen leaves.
    m_ui->bannerLabel->setWordWrap(true);

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
    fitHistoryColumns(history);
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
        m_pending->planTowards(preview);
        m_ui->tabs->setCurrentWidget(m_ui->pendingTab);
    });

    PendingController::Views pendingViews;
    pendingViews.list = m_ui->pendingView;
    pendingViews.sql = m_ui->pendingSql;
    pendingViews.summary = m_ui->pendingSummary;
    pendingViews.exportSql = m_ui->exportSqlButton;
    pendingViews.splitter = m_ui->pendingSplitter;
    pendingViews.rowHeight = history->verticalHeader()->defaultSectionSize();
    m_pending = new PendingController(
        pendingViews, m_runs, [this](const QString &name) { return m_snapshots.value(name); },
        this);
    connect(m_pending, &PendingController::previewUpdated, this, [this](const QString &name) {
        updateActions();
        Q_EMIT previewUpdated(name);
    });

    m_auditModel = new AuditModel(this);
    m_auditFilter = new QSortFilterProxyModel(this);
    m_auditFilter->setSourceModel(m_auditModel);
    m_auditFilter->setFilterKeyColumn(-1);
    m_auditFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_auditFilter->setSortRole(AuditModel::SortRole);
    m_ui->auditView->setModel(m_auditFilter);
    m_auditChain = new AuditChainStatus(m_ui->auditTab);
    m_ui->auditLayout->insertWidget(0, m_auditChain);
    m_ui->auditView->sortByColumn(AuditModel::Time, Qt::DescendingOrder);
    m_ui->auditView->verticalHeader()->hide();
    m_ui->auditView->setWordWrap(false);
    connect(m_ui->auditFilter, &QLineEdit::textChanged, m_auditFilter,
            &QSortFilterProxyModel::setFilterFixedString);
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_ui->tabs->currentWidget() == m_ui->auditTab)
            reloadAudit();
    });

    m_ui->problemLabel->hide();
    m_ui->problemLabel->setStyleSheet(
        QStringLiteral("background: #fff3e0; color: #5d4037; border: 1px solid #ffb74d;"));

    connect(m_ui->openExampleButton, &QPushButton::clicked, this, &MainWindow::openExample);
    connect(m_ui->newProfileButton, &QPushButton::clicked, m_profilesCtl,
            &ProfilesController::newProfile);
    connect(m_ui->importServiceButton, &QPushButton::clicked, m_profilesCtl,
            &ProfilesController::importService);
    connect(m_profileDock, &ProfileDock::profileSelected, this, &MainWindow::selectProfile);
    connect(m_profileDock, &ProfileDock::editRequested, this, &MainWindow::editProfile);
}

void MainWindow::setupStatus()
{
    m_statusBoard = new StatusBoard(m_profileDock, this);
    m_statusBoard->watchDrift(new DriftMonitor(m_profilesCtl, m_jobPanel, this));
    connect(m_statusBoard, &StatusBoard::retryDue, this, &MainWindow::refresh);
    connect(m_statusBoard, &StatusBoard::changed, this, [this](const QString &name) {
        if (name == m_current)
            updateBanner();
    });
    m_projectWatcher = new ProjectWatcher(this);
    connect(m_projectWatcher, &ProjectWatcher::projectChanged, this, &MainWindow::refresh);
    connect(m_projectWatcher, &ProjectWatcher::projectChanged, m_ui->editorArea,
            &EditorArea::checkFilesOnDisk);
}

void MainWindow::setupActions()
{
    Ui::MainWindow &ui = *m_ui;
    connect(ui.actionNewProfile, &QAction::triggered, m_profilesCtl,
            &ProfilesController::newProfile);
    connect(ui.actionEditProfile, &QAction::triggered, this, [this] { editProfile(m_current); });
    connect(ui.actionDeleteProfile, &QAction::triggered, this, [this] {
        if (m_current.isEmpty() || isSession(m_current))
            return;
        const auto answer = QMessageBox::question(
            this, tr("Delete Profile"),
            tr("Delete the profile <b>%1</b>? The database and the migration files are not "
               "touched.")
                .arg(m_current.toHtmlEscaped()));
        if (answer == QMessageBox::Yes)
            deleteProfile(m_current);
    });
    connect(ui.actionImportService, &QAction::triggered, m_profilesCtl,
            &ProfilesController::importService);
    connect(ui.actionImportProfiles, &QAction::triggered, m_profilesCtl,
            &ProfilesController::importProfiles);
    connect(ui.actionExportProfiles, &QAction::triggered, m_profilesCtl,
            &ProfilesController::exportProfiles);
    connect(ui.actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui.actionRefresh, &QAction::triggered, this, [this] {
        m_profilesCtl->forgetRefusals(); // a refresh by hand may ask for passwords again
        refreshAll();
    });
    connect(ui.actionUpgradeHeads, &QAction::triggered, this, [this] {
        m_runs->request(m_current, PlanRequest::Kind::Upgrade, QStringLiteral("heads"));
    });
    connect(ui.actionUpgradeSelected, &QAction::triggered, this,
            [this] { m_runs->request(m_current, PlanRequest::Kind::Upgrade, selectedRevision()); });
    connect(ui.actionDowngradeSelected, &QAction::triggered, this, [this] {
        m_runs->request(m_current, PlanRequest::Kind::Downgrade, selectedRevision());
    });
    connect(ui.actionStamp, &QAction::triggered, this,
            [this] { m_runs->stamp(m_current, selectedRevision()); });
    connect(ui.actionRollbackWizard, &QAction::triggered, this,
            [this] { m_runs->rollbackWizard(m_current); });
    connect(ui.actionGenerateSql, &QAction::triggered, this, [this] {
        m_runs->request(m_current, PlanRequest::Kind::Upgrade, QStringLiteral("heads"),
                        PlanRequest::Purpose::ExportSql);
    });
    connect(ui.actionLanguage, &QAction::triggered, this, &MainWindow::chooseLanguage);
    QAction *preferences = ui.menuSettings->addAction(tr("&Settings…"));
    preferences->setObjectName(QStringLiteral("actionSettings"));
    connect(preferences, &QAction::triggered, this, [this] {
        auto *dialog = new SettingsDialog(Settings::load(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    connect(ui.actionAbout, &QAction::triggered, this, &MainWindow::about);

    ui.actionRefresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    ui.actionUpgradeHeads->setIcon(style()->standardIcon(QStyle::SP_ArrowUp));
    ui.actionDowngradeSelected->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    ui.actionGenerateSql->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    ui.actionRollbackWizard->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));

    // The History tab's context menu: what can be done with the selected revision.
    ui.historyView->addAction(ui.actionUpgradeSelected);
    ui.historyView->addAction(ui.actionDowngradeSelected);
    ui.historyView->addAction(ui.actionStamp);
    ui.historyView->addAction(ui.actionNewMigration);
    ui.historyView->addAction(ui.actionOpenInEditor);
    m_profileDock->tree()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_profileDock->tree()->addActions(
        {ui.actionEditProfile, ui.actionDeleteProfile, ui.actionRefresh, ui.actionUpgradeHeads});
    updateActions();
}

void MainWindow::loadProfiles()
{
    if (auto loaded = m_profilesCtl->load(); !loaded) {
        m_ui->problemLabel->setText(
            tr("Your saved profiles could not be read: %1").arg(loaded.error().toString()));
        m_ui->problemLabel->show();
    }
    // The profile and tab of the last session, when they are still there.
    QSettings settings;
    const QString last = settings.value(QStringLiteral("window/profile")).toString();
    const QStringList names = m_profilesCtl->names();
    if (profile(last))
        selectProfile(last);
    else if (!names.isEmpty())
        selectProfile(names.first());
    m_ui->tabs->setCurrentIndex(settings.value(QStringLiteral("window/tab"), 0).toInt());
    refreshAll();
}

void MainWindow::showProfiles()
{
    const QList<Profile> shown = m_profilesCtl->all();
    m_profileDock->setProfiles(shown);
    m_ui->stack->setCurrentWidget(shown.isEmpty() ? m_ui->welcomePage : m_ui->workPage);
    m_ui->openExampleButton->setEnabled(!exampleProjectDir().isEmpty());
    if (!m_current.isEmpty())
        m_profileDock->select(m_current);
    updateActions();
}

QList<Profile> MainWindow::profiles() const
{
    return m_profilesCtl->profiles();
}

const Profile *MainWindow::profile(const QString &name) const
{
    return m_profilesCtl->profile(name);
}

bool MainWindow::isSession(const QString &name) const
{
    return m_profilesCtl->isSession(name);
}

QString MainWindow::exampleProjectDir()
{
    return ProfilesController::exampleProjectDir();
}

void MainWindow::openProject(const QString &projectDir, const QString &url)
{
    const QString name = m_profilesCtl->openProject(projectDir, url);
    selectProfile(name);
    refresh(name);
}

void MainWindow::openExample()
{
    if (const QString name = m_profilesCtl->openExample(); !name.isEmpty())
        selectProfile(name);
}

void MainWindow::saveProfile(const Profile &p, const QString &oldName)
{
    m_profilesCtl->save(p, oldName);
}

void MainWindow::deleteProfile(const QString &name)
{
    m_profilesCtl->remove(name);
}

void MainWindow::setSessionPassword(const QString &name, const QString &password)
{
    m_profilesCtl->setSessionPassword(name, password);
}

void MainWindow::setPasswordVault(PasswordVault *vault)
{
    m_profilesCtl->setPasswordVault(vault);
}

void MainWindow::editProfile(const QString &name)
{
    if (JobController *c = m_controllers.value(name);
        m_runs->isBusy(name) || (c && c->isRunning())) {
        QMessageBox::information(this, tr("Edit Profile"),
                                 tr("%1 is running a job; edit it when the job ends.").arg(name));
        return;
    }
    m_profilesCtl->editProfile(name);
}

void MainWindow::onProfileSaved(const QString &name, const QString &oldName)
{
    if (!oldName.isEmpty()) {
        dropController(oldName); // its worker had the old settings
        if (m_current == oldName)
            m_current = name;
    }
    showProfiles();
    if (m_current.isEmpty())
        m_current = name;
    selectProfile(m_current);
    refresh(name);
}

void MainWindow::onProfileRemoved(const QString &name)
{
    dropController(name);
    if (m_current == name) {
        m_current.clear();
        const QStringList names = m_profilesCtl->names();
        showProfiles();
        if (!names.isEmpty())
            selectProfile(names.first());
        else
            showCurrent();
        return;
    }
    showProfiles();
}

JobController *MainWindow::controller(const QString &name)
{
    if (JobController *c = m_controllers.value(name))
        return c;
    const Profile *p = profile(name);
    if (!p)
        return nullptr;
    auto *c = new JobController(m_profilesCtl->optionsFor(*p), name, this);
    MigrationWorker *w = c->worker();
    connect(w, &MigrationWorker::snapshotReady, this,
            [this, name](const SnapshotPtr &s) { onSnapshot(name, s); });
    connect(w, &MigrationWorker::snapshotFailed, this,
            [this, name](const Error &e) { onSnapshotFailed(name, e); });
    m_runs->connectWorker(name, w);
    m_authoring->connectWorker(name, w);
    m_backups->connectWorker(name, w);
    m_quitGuard->watch(c);
    m_controllers.insert(name, c);
    return c;
}

void MainWindow::dropController(const QString &name)
{
    m_runs->forget(name);
    delete m_controllers.take(name); // cancels and joins its thread
    m_snapshots.remove(name);
    m_statusBoard->forget(name);
    m_projectWatcher->forget(name);
    m_pending->forget(name);
}

void MainWindow::refreshAll()
{
    const QStringList names = m_profilesCtl->names();
    for (const QString &name : names)
        refresh(name);
}

void MainWindow::refresh(const QString &name)
{
    JobController *c = controller(name);
    if (!c || c->isRunning())
        return;
    m_statusBoard->checking(name);
    c->refresh();
}

void MainWindow::selectProfile(const QString &name)
{
    if (!profile(name))
        return;
    if (name != m_current) {
        // A revision chosen on one profile must never arm an action on the next (the same
        // project has the same ids): the selection, the planned previews and a plan being made
        // for a run start afresh.
        m_ui->historyView->selectionModel()->clearSelection();
        m_ui->historyView->setCurrentIndex({});
        m_pending->forgetPlans();
        if (!m_current.isEmpty())
            m_runs->leave(m_current);
    }
    m_current = name;
    m_jobPanel->show(name);
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
        // Wide enough for every lane and for the (translated) header, never cut to "Grap".
        QHeaderView *header = m_ui->historyView->horizontalHeader();
        m_ui->historyView->setColumnWidth(
            HistoryModel::Graph, std::max(GraphDelegate::laneWidth * (snap->graphWidth + 1),
                                          header->sectionSizeHint(HistoryModel::Graph)));
        if (const auto it = snap->rowOf.constFind(selected); it != snap->rowOf.constEnd()) {
            const QModelIndex index =
                m_historyFilter->mapFromSource(m_historyModel->index(*it, HistoryModel::Revision));
            m_ui->historyView->setCurrentIndex(index);
        }
    }
    m_pending->show(m_current, snap, m_statusBoard->pendingText(m_current));
    m_ui->schemaTab->setProfile(m_current);
    updateProblems();
    m_authoring->updateContext();
    m_backups->showCurrent();
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
            .arg(p->name.toHtmlEscaped(), environmentName(p->environment).toHtmlEscaped(),
                 target.toHtmlEscaped());
    if (p->isProtected)
        text += tr(" &nbsp;·&nbsp; <b>protected</b>");
    if (const QString state = m_statusBoard->stateText(m_current); !state.isEmpty())
        text += tr(" &nbsp;·&nbsp; %1").arg(state.toHtmlEscaped());
    m_ui->bannerLabel->setText(text);
    m_ui->bannerLabel->setStyleSheet(
        QStringLiteral("background: %1; color: %2;").arg(p->colour, textColourOn(p->colour)));
    setWindowTitle(tr("%1 (%2) – Strata").arg(p->name, environmentName(p->environment)));
}

void MainWindow::updateProblems()
{
    const SnapshotPtr snap = m_snapshots.value(m_current);
    const Profile *p = profile(m_current);
    QStringList lines;
    if (p && p->projectDir.isEmpty() && !isSession(m_current))
        lines << tr("This profile has no migration project yet: choose one with Edit Profile.");
    lines << m_statusBoard->problems(m_current);
    if (snap) {
        if (!snap->edited.isEmpty())
            lines << tr("Edited since applied: %1. Their files no longer match what ran; review "
                        "them, then accept them with `strata repair`.")
                         .arg(snap->edited.join(QLatin1String(", ")));
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
    // Only the selected profile's own job holds its actions; other profiles stay usable.
    const bool busy = m_runs->isBusy(m_current);
    const bool ready = have && snap && snap->reachable && !busy;
    const bool session = isSession(m_current);
    m_ui->actionEditProfile->setEnabled(have && !busy && !session);
    m_ui->actionDeleteProfile->setEnabled(have && !busy && !session);
    m_ui->actionUpgradeHeads->setEnabled(ready && !snap->pending.isEmpty());
    const bool revision = ready && !selectedRevision().isEmpty();
    m_ui->actionUpgradeSelected->setEnabled(revision);
    m_ui->actionDowngradeSelected->setEnabled(revision);
    m_ui->actionStamp->setEnabled(ready);
    m_ui->actionRollbackWizard->setEnabled(ready && !snap->current.isEmpty());
    m_ui->actionGenerateSql->setEnabled(have && snap && !busy);
    m_backups->updateActions(ready);
    m_authoring->updateActions();
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
    m_statusBoard->noteSnapshot(name, snapshot);
    if (const Profile *p = profile(name))
        m_projectWatcher->watch(name, p->projectDir, snapshot->versionsDir);
    if (name == m_current)
        showCurrent();
    if (!snapshot->reachable)
        m_profilesCtl->maybeAskPassword(name, snapshot->problem, snapshot->problemCode);
    Q_EMIT snapshotUpdated(name);
}

void MainWindow::onSnapshotFailed(const QString &name, const Error &error)
{
    m_snapshots.remove(name);
    m_statusBoard->noteProjectFailure(name, error);
    if (const Profile *p = profile(name))
        m_projectWatcher->watch(name, p->projectDir);
    if (name == m_current)
        showCurrent();
    Q_EMIT snapshotUpdated(name);
}

void MainWindow::onRunFinished(const QString &name, const JobResult &result)
{
    reloadAudit();
    // The schema changed: the editor's completion words are read again when next shown.
    m_authoring->schemaChanged(name);
    updateActions();
    Q_EMIT runFinished(name, result.success);
}

BackupModel *MainWindow::backupModel() const
{
    return m_backups->model();
}

EditorArea *MainWindow::editorArea() const
{
    return m_ui->editorArea;
}

void MainWindow::openInEditor(const QString &path)
{
    m_authoring->openInEditor(path);
}

PlanModel *MainWindow::planModel() const
{
    return m_pending->model();
}

bool MainWindow::isRunning() const
{
    return !m_quitGuard->runningJobs().isEmpty();
}

QStringList MainWindow::runningJobs() const
{
    return m_quitGuard->runningJobs();
}

QString MainWindow::logFilePath() const
{
    return m_activityLog->filePath();
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
    m_auditChain->check(AuditLog::defaultFilePath());
    fitAuditColumns(m_ui->auditView);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Jobs running: listed, and on Yes cancelled; the window closes when they have stopped.
    // Unsaved migrations: save, discard or stay.
    const auto closeEditors = [this] { return m_ui->editorArea->closeAll(); };
    if (!m_quitGuard->mayClose(closeEditors) || !closeEditors()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/tab"), m_ui->tabs->currentIndex());
    if (!isSession(m_current))
        settings.setValue(QStringLiteral("window/profile"), m_current);
    event->accept();
}

void MainWindow::logLine(const QString &text)
{
    if (auto logger = spdlog::get("strata"))
        logger->info("{}", text.toStdString());
}

} // namespace strata::gui
