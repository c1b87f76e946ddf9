#include "log/activitylog.h"

#include "storage/privatefiles.h"

#include <QCoreApplication>

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

constexpr int kRotatedFiles = 5;

// The logger processLog() made, held here rather than looked up by name in spdlog's registry.
std::shared_ptr<spdlog::logger> &processLogger()
{
    static std::shared_ptr<spdlog::logger> logger;
    return logger;
}

// Files and folders the core made private because an older version had left them open to
// others: one warning each in the Activity log (queued: it may be the log's own file, found
// while the logger is being built or rotating).
void announceTightenedFiles()
{
    PrivateFiles::setNoticeHandler([](const PrivateFiles::Tightened &t) {
        auto mode = [](unsigned m) {
            return QString::number(m, 8).rightJustified(4, QLatin1Char('0'));
        };
        const QString text =
            (t.isFolder ? ActivityLog::tr("Made the folder %1 private (mode %2 to %3): an older "
                                          "version of Strata left it open to other users.")
                        : ActivityLog::tr("Made %1 private (mode %2 to %3): an older version of "
                                          "Strata left it readable by other users."))
                .arg(QDir::toNativeSeparators(t.path), mode(t.modeBefore), mode(t.modeAfter));
        auto log = [text] {
            if (auto logger = processLogger())
                logger->warn("{}", text.toStdString());
        };
        if (QCoreApplication::instance())
            QMetaObject::invokeMethod(QCoreApplication::instance(), log, Qt::QueuedConnection);
        else
            log();
    });
}

struct ProcessLog
{
    std::shared_ptr<FanOutSink> fanOut = std::make_shared<FanOutSink>();
    QString filePath;
};

// The "strata" logger: a rotating file (1 MiB, kRotatedFiles kept, each 0600) in the first window's
// log folder, and the fan-out to the Activity docks.
ProcessLog &processLog(const QString &logDir)
{
    static ProcessLog log = [&logDir] {
        ProcessLog made;
        std::vector<spdlog::sink_ptr> sinks;
        announceTightenedFiles();
        const QString file = QDir(logDir).filePath(QStringLiteral("strata.log"));
        // spdlog opens its files with the umask's mode but keeps the mode of a file that is
        // there: each one is made 0600 (in a 0700 folder) before spdlog opens it, the first
        // and those it starts when it rotates. Rotated ones an older version left open are
        // tightened now.
        (void)PrivateFiles::prepareFile(file);
        for (int i = 1; i <= kRotatedFiles; ++i)
            (void)PrivateFiles::tighten(
                QDir(logDir).filePath(QStringLiteral("strata.%1.log").arg(i)));
        spdlog::file_event_handlers events;
        events.before_open = [](const spdlog::filename_t &name) {
            (void)PrivateFiles::prepareFile(QString::fromStdString(name));
        };
        try {
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                file.toStdString(), 1024 * 1024, kRotatedFiles, false, events));
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
        processLogger() = logger;
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
