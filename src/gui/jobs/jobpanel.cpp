#include "jobs/jobpanel.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace strata::gui {

JobPanel::JobPanel(QWidget *panel, QLabel *label, QProgressBar *bar, QPushButton *cancel, Jobs jobs,
                   QObject *parent)
    : QObject(parent), m_panel(panel), m_label(label), m_bar(bar), m_cancel(cancel),
      m_jobs(std::move(jobs))
{
    m_panel->hide();
    m_ticker.setInterval(250);
    connect(&m_ticker, &QTimer::timeout, this, &JobPanel::display);
    connect(m_cancel, &QPushButton::clicked, this, [this] { this->cancel(m_shown); });
}

void JobPanel::begin(const QString &profile, Kind kind, JobController::JobId job,
                     const QString &text, int steps)
{
    State state;
    state.kind = kind;
    state.job = job;
    state.text = text;
    state.steps = steps;
    state.clock.start();
    m_states.insert(profile, state);
    if (profile == m_shown)
        display();
    Q_EMIT busyChanged(profile);
    Q_EMIT jobChanged(profile);
}

void JobPanel::setText(const QString &profile, const QString &text, int percent)
{
    const auto it = m_states.find(profile);
    if (it == m_states.end())
        return;
    it->text = text;
    it->percent = percent;
    it->hasProgress = false;
    if (profile == m_shown)
        display();
    Q_EMIT jobChanged(profile);
}

void JobPanel::setProgress(const QString &profile, const JobProgress &progress)
{
    const auto it = m_states.find(profile);
    if (it == m_states.end())
        return;
    it->progress = progress;
    it->hasProgress = true;
    it->steps = progress.stepCount;
    if (profile == m_shown)
        display();
    Q_EMIT jobChanged(profile);
}

void JobPanel::end(const QString &profile)
{
    if (!m_states.remove(profile))
        return;
    if (profile == m_shown)
        display();
    Q_EMIT busyChanged(profile);
    Q_EMIT jobChanged(profile);
}

bool JobPanel::anyBusy() const
{
    return !m_states.isEmpty();
}

void JobPanel::cancel(const QString &profile)
{
    const auto it = m_states.find(profile);
    if (it == m_states.end() || it->cancelling)
        return;
    JobController *c = m_jobs ? m_jobs(profile) : nullptr;
    if (!c)
        return;
    it->cancelling = true;
    c->cancel(it->job);
    if (profile == m_shown)
        display();
    Q_EMIT jobChanged(profile);
}

QStringList JobPanel::busyProfiles() const
{
    QStringList names = m_states.keys();
    names.sort(Qt::CaseInsensitive);
    return names;
}

QString JobPanel::summary(const QString &profile) const
{
    const auto it = m_states.constFind(profile);
    if (it == m_states.constEnd())
        return {};
    const State &state = *it;
    QString text;
    switch (state.kind) {
    case Kind::None:
        return {};
    case Kind::Planning:
        text = tr("planning");
        break;
    case Kind::Run:
        if (state.hasProgress && state.progress.step > 0)
            text = tr("running: %1, step %2 of %3")
                       .arg(directionWord(state.progress))
                       .arg(state.progress.step)
                       .arg(state.progress.stepCount);
        else
            text = tr("running");
        break;
    case Kind::Backup:
        text = tr("backing up");
        break;
    case Kind::Restore:
        text = tr("restoring a backup");
        break;
    case Kind::Trial:
        text = tr("trying a migration");
        break;
    }
    return state.cancelling ? tr("%1, cancelling").arg(text) : text;
}

QString JobPanel::shortSummary(const QString &profile) const
{
    const auto it = m_states.constFind(profile);
    if (it == m_states.constEnd())
        return {};
    if (it->cancelling)
        return tr("cancelling");
    if (it->kind == Kind::Run && it->hasProgress && it->progress.step > 0)
        return tr("running %1/%2").arg(it->progress.step).arg(it->progress.stepCount);
    return summary(profile);
}

QString JobPanel::refusal(const QString &profile) const
{
    const QString what = summary(profile);
    if (what.isEmpty())
        return {};
    return tr("%1 is busy (%2); try again when its job ends.").arg(profile, what);
}

void JobPanel::show(const QString &profile)
{
    m_shown = profile;
    display();
}

QString JobPanel::directionWord(const JobProgress &progress)
{
    return progress.stamp                        ? tr("stamp")
           : progress.direction == Direction::Up ? tr("upgrade")
                                                 : tr("downgrade");
}

QString JobPanel::progressText(const State &state) const
{
    const double seconds = double(state.clock.elapsed()) / 1000.0;
    const QString elapsed = tr("%1 s").arg(seconds, 0, 'f', 1);
    if (!state.hasProgress)
        return tr("%1 · %2").arg(state.text, elapsed);
    const JobProgress &progress = state.progress;
    if (progress.step == 0)
        return tr("Waiting for the database… %1").arg(elapsed);
    const QString what = directionWord(progress);
    QString text = tr("Step %1 of %2: %3 %4 %5")
                       .arg(progress.step)
                       .arg(progress.stepCount)
                       .arg(what, progress.revision, progress.message);
    if (progress.statementCount > 0)
        text += tr(" · statement %1 of %2").arg(progress.statement).arg(progress.statementCount);
    return text + QStringLiteral(" · ") + elapsed;
}

void JobPanel::display()
{
    const auto it = m_states.constFind(m_shown);
    if (it == m_states.constEnd()) {
        m_ticker.stop();
        m_panel->hide();
        return;
    }
    const State &state = *it;
    m_panel->show();
    if (!m_ticker.isActive())
        m_ticker.start();
    m_label->setText(progressText(state));
    if (state.hasProgress && state.progress.step > 0) {
        const JobProgress &p = state.progress;
        const int within =
            p.statementCount > 0 ? 100 * std::max(p.statement - 1, 0) / p.statementCount : 0;
        m_bar->setRange(0, p.stepCount * 100);
        m_bar->setValue((p.step - 1) * 100 + within);
    } else if (state.percent >= 0) {
        m_bar->setRange(0, 100);
        m_bar->setValue(state.percent);
    } else if (state.steps > 0 && state.kind == Kind::Run) {
        m_bar->setRange(0, state.steps * 100);
        m_bar->setValue(0);
    } else {
        m_bar->setRange(0, 0); // busy, no measure
    }
    m_cancel->setEnabled(!state.cancelling && state.job != 0);
    m_cancel->setText(state.cancelling ? tr("Cancelling…") : tr("Cancel"));
}

} // namespace strata::gui
