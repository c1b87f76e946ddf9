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

// Forwards formatted lines to the ActivityLog in the GUI thread through queued calls; the
// QPointer drops lines logged while the window is going away.
class SignalSink : public spdlog::sinks::base_sink<std::mutex>
{
public:
    explicit SignalSink(ActivityLog *target) : m_target(target) {}

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        const QString text = QString::fromUtf8(msg.payload.data(), qsizetype(msg.payload.size()));
        const auto level = spdlog::level::to_string_view(msg.level);
        const QString levelName = QString::fromUtf8(level.data(), qsizetype(level.size()));
        const QString time = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss"));
        QPointer<ActivityLog> target = m_target;
        if (!target)
            return;
        QMetaObject::invokeMethod(
            target.data(),
            [target, time, levelName, text] {
                if (target)
                    Q_EMIT target->lineLogged(time, levelName, text);
            },
            Qt::QueuedConnection);
    }
    void flush_() override {}

private:
    QPointer<ActivityLog> m_target;
};

} // namespace

ActivityLog::ActivityLog(const QString &logDir, QObject *parent)
    : QObject(parent), m_filePath(QDir(logDir).filePath(QStringLiteral("strata.log")))
{
    QDir().mkpath(logDir);
    std::vector<spdlog::sink_ptr> sinks;
    try {
        sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            m_filePath.toStdString(), 1024 * 1024, 5));
    } catch (const spdlog::spdlog_ex &e) {
        // Without a log file the dock still shows the lines; say why the file is missing.
        m_filePath.clear();
        sinks.clear();
        qWarning("strata: cannot open the log file: %s", e.what());
    }
    sinks.push_back(std::make_shared<SignalSink>(this));
    spdlog::drop(kLoggerName);
    auto logger = std::make_shared<spdlog::logger>(kLoggerName, sinks.begin(), sinks.end());
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e [%l] %v");
    logger->set_level(spdlog::level::info);
    logger->flush_on(spdlog::level::info);
    spdlog::register_logger(logger);
}

ActivityLog::~ActivityLog()
{
    spdlog::drop(kLoggerName);
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
