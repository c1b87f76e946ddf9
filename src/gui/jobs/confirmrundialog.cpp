#include "jobs/confirmrundialog.h"

#include "pending/sqlview.h"
#include "profiles/environmentname.h"
#include "project/migrationparser.h"
#include "settings/settings.h"
#include "ui_confirmrundialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStyle>
#include <QVBoxLayout>

namespace strata::gui {

namespace {

GuardedAction actionOf(const PlanRequest &request)
{
    switch (request.kind) {
    case PlanRequest::Kind::Upgrade:
        return GuardedAction::Upgrade;
    case PlanRequest::Kind::Downgrade:
        return GuardedAction::Downgrade;
    case PlanRequest::Kind::Stamp:
        break;
    }
    return GuardedAction::Stamp;
}

// A padlock, drawn so it needs no icon font: the shackle and the body, in `colour`.
QPixmap lockPixmap(const QColor &colour, int size)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const qreal w = size;
    QPen pen(colour, w / 8.0);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    p.drawArc(QRectF(w * 0.28, w * 0.08, w * 0.44, w * 0.5), 0, 180 * 16);
    p.drawLine(QPointF(w * 0.28, w * 0.33), QPointF(w * 0.28, w * 0.48));
    p.drawLine(QPointF(w * 0.72, w * 0.33), QPointF(w * 0.72, w * 0.48));
    p.setPen(Qt::NoPen);
    p.setBrush(colour);
    p.drawRoundedRect(QRectF(w * 0.15, w * 0.45, w * 0.7, w * 0.5), w * 0.08, w * 0.08);
    return pixmap;
}

SqlDialect dialectOf(const Profile &profile)
{
    return profile.engine == Profile::Engine::Postgres ? SqlDialect::PostgreSQL
                                                       : SqlDialect::SQLite;
}

QString severityText(LintFinding::Severity severity)
{
    return severity == LintFinding::Severity::Error ? ConfirmRunDialog::tr("error")
                                                    : ConfirmRunDialog::tr("warning");
}

} // namespace

ConfirmRunDialog::ConfirmRunDialog(const Profile &profile, const PlanRequest &request,
                                   const Plan &plan, const ProjectSnapshot *snapshot,
                                   QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ConfirmRunDialog>()), m_profile(profile),
      m_request(request), m_action(actionOf(request))
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Confirm: %1").arg(request.description()));
    m_ui->titleLabel->setText(
        tr("<b>%1</b> on <span style='color:%2'>■</span> <b>%3</b> (%4, %5)<br>%n step(s):",
           nullptr, int(plan.steps.size()))
            .arg(request.description().toHtmlEscaped(), profile.colour,
                 profile.name.toHtmlEscaped(), environmentName(profile.environment).toHtmlEscaped(),
                 profile.displayTarget().toHtmlEscaped()));
    bool dataLoss = false;
    for (const PlanStep &step : plan.steps) {
        const RevisionRow *row = snapshot ? snapshot->row(step.revision) : nullptr;
        const QString what = step.stamp                        ? tr("stamp")
                             : step.direction == Direction::Up ? tr("upgrade")
                                                               : tr("downgrade");
        dataLoss = dataLoss || (!step.stamp && step.direction == Direction::Down);
        m_ui->stepList->addItem(
            QStringLiteral("%1  %2  %3").arg(what, step.revision, row ? row->message : QString()));
    }
    QStringList warnings;
    if (dataLoss)
        warnings << tr("Downgrades run the migrations' downgrade SQL and may drop data.");
    if (!plan.irreversible.isEmpty())
        warnings << tr("Irreversible revision(s) in the way: %1.", nullptr,
                       int(plan.irreversible.size()))
                        .arg(plan.irreversible.join(QLatin1String(", ")));
    m_ui->warningLabel->setText(warnings.join(QLatin1Char(' ')));
    m_ui->warningLabel->setVisible(!warnings.isEmpty());
    m_ui->warningLabel->setStyleSheet(QStringLiteral("color: #c62828;"));

    // The lint findings, reviewed as the core will before it runs (Operations).
    showFindings(plan, snapshot);
    showProtection();

    // A PostgreSQL database the server says is missing: creating it is offered, backing it up
    // is not (the core's guard says there is nothing to back up). SQLite creates its file.
    m_databaseMissing = snapshot && snapshot->reachable && !snapshot->status.exists &&
                        profile.engine == Profile::Engine::Postgres;
    m_ui->createDatabaseCheck->setVisible(m_databaseMissing &&
                                          request.kind == PlanRequest::Kind::Upgrade);
    m_ui->createDatabaseCheck->setChecked(m_databaseMissing);
    m_ui->createDatabaseCheck->setText(
        tr("&Create the database %1 first (it does not exist on the server)")
            .arg(profile.databaseName()));
    m_guard = Protection::guard(m_action, GuardedMode::Apply, &profile, {},
                                !snapshot || snapshot->status.exists);
    const auto offered = Protection::backupFirst(m_guard, std::nullopt);
    m_ui->backupFirstCheck->setVisible(m_guard.backup != Guard::Backup::None);
    m_ui->backupFirstCheck->setChecked(offered && *offered);
    if (profile.engine == Profile::Engine::Sqlite)
        m_ui->backupFirstCheck->setText(
            tr("&Back up first (a copy of the SQLite file, verified and catalogued)"));
    m_ui->typeLabel->setText(
        tr("<b>%1</b> is a protected profile. Type the database name <b>%2</b> to go on.")
            .arg(profile.name.toHtmlEscaped(), m_guard.confirmName.toHtmlEscaped()));

    // What the command line offers too. Timeouts are PostgreSQL's; a stamp runs no SQL.
    const Settings settings = Settings::load();
    const bool postgres = profile.engine == Profile::Engine::Postgres;
    const bool runsSql = request.kind != PlanRequest::Kind::Stamp;
    for (QDoubleSpinBox *spin : {m_ui->lockTimeoutSpin, m_ui->statementTimeoutSpin})
        spin->setSpecialValueText(tr("the server's setting"));
    m_ui->lockTimeoutSpin->setValue(settings.lockTimeoutMs / 1000.0);
    m_ui->statementTimeoutSpin->setValue(settings.statementTimeoutMs / 1000.0);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_ui->lockTimeoutSpin, m_ui->lockTimeoutLabel,
                                          m_ui->statementTimeoutSpin, m_ui->statementTimeoutLabel})
        w->setVisible(postgres && runsSql);
    m_ui->dryRunCheck->setVisible(runsSql);
    setScript({});

    connect(m_ui->typedEdit, &QLineEdit::textChanged, this, &ConfirmRunDialog::update);
    connect(m_ui->overrideEdit, &QLineEdit::textChanged, this, &ConfirmRunDialog::update);
    connect(m_ui->dryRunCheck, &QCheckBox::toggled, this, &ConfirmRunDialog::update);
    connect(m_ui->showSqlButton, &QPushButton::clicked, this, &ConfirmRunDialog::showScript);
    connect(m_ui->saveSqlButton, &QPushButton::clicked, this, &ConfirmRunDialog::saveScript);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
    if (m_guard.needsConfirmation())
        m_ui->typedEdit->setFocus();
}

ConfirmRunDialog::~ConfirmRunDialog() = default;

void ConfirmRunDialog::showProtection()
{
    const bool guarded = m_profile.isProtected;
    m_ui->protectionBanner->setVisible(guarded);
    if (!guarded)
        return;
    const QColor colour(m_profile.colour);
    const QColor text = colour.lightnessF() > 0.6 ? Qt::black : Qt::white;
    QPalette palette = m_ui->protectionBanner->palette();
    palette.setColor(QPalette::Window, colour);
    palette.setColor(QPalette::WindowText, text);
    m_ui->protectionBanner->setPalette(palette);
    m_ui->protectionLabel->setPalette(palette);
    m_ui->lockLabel->setPixmap(lockPixmap(text, 24));
    m_ui->lockLabel->setAccessibleName(tr("Protected"));
    m_ui->protectionLabel->setText(
        tr("<b>Protected: %1</b> (%2)")
            .arg(m_profile.name.toHtmlEscaped(),
                 environmentName(m_profile.environment).toHtmlEscaped()));
}

void ConfirmRunDialog::showFindings(const Plan &plan, const ProjectSnapshot *snapshot)
{
    // Each step's migration read afresh from its file, as the worker will read it.
    for (const PlanStep &step : plan.steps) {
        const RevisionRow *row = snapshot ? snapshot->row(step.revision) : nullptr;
        if (step.stamp || !row || m_migrations.contains(row->id))
            continue;
        QFile file(row->filePath);
        if (file.open(QIODevice::ReadOnly))
            if (auto parsed = MigrationParser::parse(row->filePath, file.readAll()))
                m_migrations.insert(row->id, *parsed);
    }
    m_review = strata::LintPolicy::review(
        plan,
        [this](const QString &revision) -> const Migration * {
            const auto it = m_migrations.constFind(revision);
            return it == m_migrations.constEnd() ? nullptr : &*it;
        },
        dialectOf(m_profile), LintBlock::Nothing);

    const QIcon errorIcon = style()->standardIcon(QStyle::SP_MessageBoxCritical);
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    // The review lists the steps that run SQL, in plan order: the list's rows less the stamps.
    int listRow = -1;
    for (const StepFindings &s : std::as_const(m_review.steps)) {
        do
            ++listRow;
        while (listRow < plan.steps.size() && plan.steps.at(listRow).stamp);
        if (s.findings.isEmpty())
            continue;
        const bool error = std::any_of(s.findings.cbegin(), s.findings.cend(), [](const auto &f) {
            return f.severity == LintFinding::Severity::Error;
        });
        if (QListWidgetItem *item = m_ui->stepList->item(listRow))
            item->setIcon(error ? errorIcon : warningIcon);
        auto *stepItem = new QTreeWidgetItem(m_ui->findingsView);
        stepItem->setText(
            0, QStringLiteral("%1 %2").arg(directionName(s.step.direction), s.step.revision));
        stepItem->setFirstColumnSpanned(true);
        for (const LintFinding &f : s.findings) {
            auto *item = new QTreeWidgetItem(stepItem);
            item->setIcon(0, f.severity == LintFinding::Severity::Error ? errorIcon : warningIcon);
            item->setText(0, severityText(f.severity));
            item->setText(1, f.rule);
            item->setText(2, QStringLiteral("%1:%2").arg(QFileInfo(f.file).fileName()).arg(f.line));
            item->setToolTip(2, QStringLiteral("%1:%2").arg(f.file).arg(f.line));
            item->setText(3, f.message);
            item->setToolTip(3, f.message);
        }
    }
    // The message in full under the list, for the finding chosen (the first one at first).
    connect(
        m_ui->findingsView, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
            m_ui->findingLabel->setText(
                item && item->parent() ? QStringLiteral("%1 [%2]: %3")
                                             .arg(item->toolTip(2), item->text(1), item->toolTip(3))
                                       : QString());
        });
    m_ui->findingsView->expandAll();
    if (QTreeWidgetItem *first = m_ui->findingsView->topLevelItem(0))
        m_ui->findingsView->setCurrentItem(first->child(0));
    m_ui->findingLabel->setVisible(m_ui->findingsView->topLevelItemCount() > 0);
    for (int c = 0; c < 3; ++c)
        m_ui->findingsView->resizeColumnToContents(c);
    const int errors = m_review.count(LintFinding::Severity::Error);
    const int warnings = m_review.count(LintFinding::Severity::Warning);
    m_ui->findingsView->setVisible(errors + warnings > 0);
    if (errors + warnings == 0)
        m_ui->lintLabel->setText(
            m_review.steps.isEmpty()
                ? tr("No migration runs: nothing to lint.")
                : tr("Lint: no findings in the migrations this run executes."));
    else if (errors > 0 && warnings > 0)
        m_ui->lintLabel->setText(
            tr("Lint: %1 and %2 in the migrations this run executes:")
                .arg(tr("%n error(s)", nullptr, errors), tr("%n warning(s)", nullptr, warnings)));
    else
        m_ui->lintLabel->setText(tr("Lint: %1 in the migrations this run executes:")
                                     .arg(errors > 0 ? tr("%n error(s)", nullptr, errors)
                                                     : tr("%n warning(s)", nullptr, warnings)));
}

void ConfirmRunDialog::setScript(const QString &sql)
{
    m_script = sql;
    for (QPushButton *b : {m_ui->showSqlButton, m_ui->saveSqlButton}) {
        b->setEnabled(!sql.isEmpty());
        b->setToolTip(sql.isEmpty() ? tr("No SQL script could be written for this plan.")
                                    : tr("The whole run as one SQL script, as `strata %1 --sql` "
                                         "writes it.")
                                          .arg(m_request.actionName()));
    }
}

void ConfirmRunDialog::showScript()
{
    auto *viewer = new QDialog(this);
    viewer->setObjectName(QStringLiteral("scriptViewer"));
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->setWindowTitle(tr("SQL Script: %1").arg(m_request.description()));
    auto *layout = new QVBoxLayout(viewer);
    auto *view = new SqlView(viewer);
    view->showSql(m_script);
    layout->addWidget(view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, viewer);
    connect(buttons, &QDialogButtonBox::rejected, viewer, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::Save), &QPushButton::clicked, this,
            &ConfirmRunDialog::saveScript);
    layout->addWidget(buttons);
    viewer->resize(800, 600);
    viewer->open();
}

void ConfirmRunDialog::saveScript()
{
    QString suggested = QStringLiteral("%1-%2.sql").arg(m_profile.name, m_request.actionName());
    suggested.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("_"));
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Save SQL"), suggested, tr("SQL scripts (*.sql)"));
    if (file.isEmpty())
        return;
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) || out.write(m_script.toUtf8()) < 0 || !out.commit())
        QMessageBox::critical(this, tr("Save SQL"),
                              tr("Cannot write %1: %2").arg(file, out.errorString()));
}

QString ConfirmRunDialog::reason() const
{
    return m_ui->reasonEdit->text().trimmed();
}

bool ConfirmRunDialog::backupFirst() const
{
    return m_guard.backup != Guard::Backup::None && !dryRun() &&
           m_ui->backupFirstCheck->isChecked();
}

bool ConfirmRunDialog::dryRun() const
{
    return m_request.kind != PlanRequest::Kind::Stamp && m_ui->dryRunCheck->isChecked();
}

int ConfirmRunDialog::lockTimeoutMs() const
{
    const int ms = int(m_ui->lockTimeoutSpin->value() * 1000.0 + 0.5);
    return ms > 0 ? ms : -1;
}

int ConfirmRunDialog::statementTimeoutMs() const
{
    const int ms = int(m_ui->statementTimeoutSpin->value() * 1000.0 + 0.5);
    return ms > 0 ? ms : -1;
}

QString ConfirmRunDialog::lintOverride() const
{
    return m_review.blocked() ? m_ui->overrideEdit->text().trimmed() : QString();
}

bool ConfirmRunDialog::createDatabase() const
{
    return !m_ui->createDatabaseCheck->isHidden() && m_ui->createDatabaseCheck->isEnabled() &&
           m_ui->createDatabaseCheck->isChecked();
}

void ConfirmRunDialog::fillContext(RunContext &context) const
{
    context.reason = reason();
    context.backupFirst = backupFirst();
    context.dryRun = dryRun();
    context.createDatabase = createDatabase();
    context.lockTimeoutMs = lockTimeoutMs();
    context.statementTimeoutMs = statementTimeoutMs();
    context.lintBlock = m_review.block;
    context.lintOverride = lintOverride();
}

void ConfirmRunDialog::update()
{
    // A dry run keeps nothing: the core's policies ask for no name, no backup, no override.
    const GuardedMode mode = dryRun() ? GuardedMode::DryRun : GuardedMode::Apply;
    const Guard guard = Protection::guard(m_action, mode, &m_profile, {}, !m_databaseMissing);
    m_ui->createDatabaseCheck->setEnabled(mode == GuardedMode::Apply);
    m_review.block = strata::LintPolicy::blockFor(&m_profile, mode);
    m_ui->protectedBox->setVisible(m_guard.needsConfirmation());
    m_ui->protectedBox->setEnabled(guard.needsConfirmation());
    m_ui->backupFirstCheck->setEnabled(mode == GuardedMode::Apply);

    const QList<LintFinding> blocking =
        m_review.blocked() ? m_review.blocking() : QList<LintFinding>{};
    m_ui->overrideBox->setVisible(!blocking.isEmpty());
    if (!blocking.isEmpty())
        m_ui->overrideHint->setText(
            tr("<span style='color:#c62828'>On a protected profile these findings stop the run "
               "(%1). Fix the migration, or say why it is safe here: the reason and the rules "
               "go to the audit log.</span>")
                .arg(m_review.blockingRules().join(QLatin1String(", ")).toHtmlEscaped()));

    auto *ok = m_ui->buttonBox->button(QDialogButtonBox::Ok);
    ok->setText(mode == GuardedMode::DryRun ? tr("Dry Run") : m_request.description());
    ok->setEnabled(Protection::check(guard, m_ui->typedEdit->text()).ok() &&
                   strata::LintPolicy::check(m_review, m_ui->overrideEdit->text()).ok());
}

} // namespace strata::gui
