#include "audit/auditchainstatus.h"

#include "audit/auditlog.h"

#include <QDir>
#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

namespace strata::gui {

AuditChainStatus::AuditChainStatus(QWidget *parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("auditChainStatus"));
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result.state = AuditVerification::State::Unreadable;
}

void AuditChainStatus::check(const QString &filePath)
{
    const quint64 generation = ++m_generation;
    ++m_running;
    if (m_result.message.isEmpty())
        setText(tr("Checking the audit log's hash chain…"));
    auto *watcher = new QFutureWatcher<AuditVerification>(this);
    connect(watcher, &QFutureWatcher<AuditVerification>::finished, this,
            [this, watcher, generation, filePath] {
                watcher->deleteLater();
                --m_running;
                if (generation == m_generation) // a later check supersedes this one
                    show(watcher->result(), filePath);
            });
    watcher->setFuture(QtConcurrent::run([filePath] { return AuditLog(filePath).verify(); }));
}

void AuditChainStatus::show(const AuditVerification &result, const QString &filePath)
{
    m_result = result;
    setText(describe(result, filePath, QDateTime::currentDateTime()));
    setToolTip(result.message); // the core's own words, line and all
    const bool broken = result.state == AuditVerification::State::Broken;
    setStyleSheet(broken ? QStringLiteral("QLabel { color: #b00020; font-weight: bold; }")
                         : QString());
    Q_EMIT checked();
}

QString AuditChainStatus::describe(const AuditVerification &r, const QString &filePath,
                                   const QDateTime &when)
{
    const QString at =
        tr("(checked %1)").arg(QLocale().toString(when.time(), QLocale::ShortFormat));
    switch (r.state) {
    case AuditVerification::State::Intact: {
        if (r.entries == 0)
            return tr("Audit log: no entries yet, nothing to check %1.").arg(at);
        QString text = tr("Hash chain intact: %n entries verified", nullptr, r.chained);
        if (r.unchained > 0)
            text += QLatin1String("; ") +
                    tr("%n older entries were written before the chain and cannot be checked",
                       nullptr, r.unchained);
        return text + QLatin1Char(' ') + at;
    }
    case AuditVerification::State::Broken: {
        QString fault;
        switch (r.fault) {
        case AuditVerification::Fault::Changed:
            fault = tr("line %1 was changed").arg(r.line);
            break;
        case AuditVerification::Fault::Removed:
            fault = tr("an entry was removed before line %1").arg(r.line);
            break;
        case AuditVerification::Fault::Inserted:
            fault = tr("line %1 was inserted").arg(r.line);
            break;
        case AuditVerification::Fault::None:
            fault = tr("at line %1").arg(r.line);
            break;
        }
        return tr("The audit log %1 was edited: %2. Entries from there on cannot be trusted %3.")
            .arg(QDir::toNativeSeparators(filePath), fault, at);
    }
    case AuditVerification::State::Unreadable:
        if (r.missing)
            return tr("Audit log: nothing recorded yet, nothing to check %1.").arg(at);
        return tr("Hash chain unknown, because the audit log could not be read: %1 %2")
            .arg(r.message, at);
    }
    return {};
}

} // namespace strata::gui
