#include "log/logdock.h"

#include "log/activitylog.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QScrollBar>

namespace strata::gui {

LogDock::LogDock(QWidget *parent) : QDockWidget(tr("Activity"), parent)
{
    setObjectName(QStringLiteral("activityDock"));
    m_view = new QPlainTextEdit(this);
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(5000); // the file keeps the rest
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setPlaceholderText(tr("Log lines of upgrades, downgrades and stamps appear here."));
    setWidget(m_view);
}

void LogDock::attach(ActivityLog *log)
{
    connect(log, &ActivityLog::lineLogged, this, &LogDock::append);
}

QString LogDock::text() const
{
    return m_view->toPlainText();
}

void LogDock::append(const QString &time, const QString &level, const QString &message)
{
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    QString line = time + QLatin1Char(' ');
    if (level == QLatin1String("warning") || level == QLatin1String("error") ||
        level == QLatin1String("critical"))
        line += level.toUpper() + QLatin1String(": ");
    m_view->appendPlainText(line + message);
    if (atEnd)
        bar->setValue(bar->maximum());
}

} // namespace strata::gui
