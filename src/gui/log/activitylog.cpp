#include "log/activitylog.h"

#include <QDateTime>
#include <QDir>
#include <QPointer>
#include <QStandardPaths>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

#include <mutex>

namespace strata::gui {

namespace {

constexpr const char *kLoggerName = "strata";

// Hands each line to every ActivityLog alive, in its own (GUI) thread through queued calls.
// One per process: windows come and go (tests make several), the logger stays.
class FanOutSink : public spdlog::sinks::base_sink<std::mutex>
{
public:
    void attach(ActivityLog *target)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        m_targets.append(target);
    }
    void detach(ActivityLog *target)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        m_targets.removeAll(target);
    }

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        const QString text = QString::fromUtf8(msg.payload.data(), qsizetype(msg.payload.size()));
        const auto level = spdlog::level::to_string_view(msg.level);
        const QString levelName = QString::fromUtf8(level.data(), qsizetype(level.size()));
        const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
        for (const QPointer<ActivityLog> &target : std::as_const(m_targets)) {
            QMetaObject::invokeMethod(
                target.data(),
                [target, time, levelName, text] {
                    if (target)
                        Q_EMIT target->lineLogged(time, levelName, text);
                },
                Qt::QueuedConnection);
        }
    }
    void flush_() override {}

private:
    QList<QPointer<ActivityLog>> m_targets;
};

struct ProcessLog
{
    std::shared_ptr<FanOutSink> fanOut = std::make_shared<FanOutSink>();
    QString filePath;
};

// The "strata" logger: a rotating file (1 MiB, 5 kept) in the first window's log folder, and
// the fan-out to the Activity docks.
ProcessLog &processLog(const QString &logDir)
{
    static ProcessLog log = [&logDir] {
        ProcessLog made;
        std::vector<spdlog::sink_ptr> sinks;
        QDir().mkpath(logDir);
        const QString file = QDir(logDir).filePath(QStringLiteral("strata.log"));
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                file.toStdString(), 1024 * 1024, 5));
            made.filePath = file;
        } catch (const spdlog::spdlog_ex &e) {
            // Without a file the docks still show the lines; say why the file is missing.
            qWarning("strata: cannot open the log file %s: %s", qPrintable(file), e.what());
        }
        sinks.push_back(made.fanOut);
        auto logger = std::make_shared<spdlog::logger>(kLoggerName, sinks.begin(), sinks.end());
        logger->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
        logger->set_level(spdlog::level::info);
        logger->flush_on(spdlog::level::info);
        spdlog::drop(kLoggerName);
        spdlog::register_logger(logger);
        return made;
    }();
    return log;
}

} // namespace

ActivityLog::ActivityLog(const QString &logDir, QObject *parent) : QObject(parent)
{
    ProcessLog &log = processLog(logDir);
    m_filePath = log.filePath;
    log.fanOut->attach(this);
}

ActivityLog::~ActivityLog()
{
    processLog({}).fanOut->detach(this);
}

QString ActivityLog::defaultDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("STRATA_LOG_DIR");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("logs"));
}

} // namespace strata::gui
