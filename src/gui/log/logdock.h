#pragma once

#include <QDockWidget>

class QPlainTextEdit;

namespace strata::gui {

class ActivityLog;

// The Activity dock: the log lines of every job, live, newest at the bottom.
class LogDock : public QDockWidget
{
    Q_OBJECT

public:
    explicit LogDock(QWidget *parent = nullptr);

    void attach(ActivityLog *log);
    QString text() const;

private:
    void append(const QString &time, const QString &level, const QString &message);

    QPlainTextEdit *m_view = nullptr;
};

} // namespace strata::gui
