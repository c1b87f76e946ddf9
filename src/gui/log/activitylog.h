#pragma once

#include <QObject>
#include <QString>

namespace strata::gui {

// The desktop app's view of the "strata" spdlog logger: every line goes to a rotating log file
// and, from whichever thread logged it, to lineLogged() in this object's (GUI) thread for an
// Activity dock. The logger is the process's; each ActivityLog only listens to it. The log
// files are 0600 in a 0700 folder (strata::PrivateFiles); whatever Strata's own that an older
// version left open and the core tightens is said here once, as a warning.
class ActivityLog : public QObject
{
    Q_OBJECT

public:
    // The first one installs the logger: logDir holds strata.log and its rotated predecessors
    // (1 MiB each, 5 kept).
    explicit ActivityLog(const QString &logDir, QObject *parent = nullptr);
    ~ActivityLog() override;

    QString filePath() const { return m_filePath; }

    // $STRATA_LOG_DIR when set (tests), else QStandardPaths::AppDataLocation/logs.
    static QString defaultDirectory();

Q_SIGNALS:
    // level: spdlog's level name ("info", "warning", "error").
    void lineLogged(QString time, QString level, QString message);

private:
    QString m_filePath;
};

} // namespace strata::gui
