#include "pgserver.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QVersionNumber>

#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace strata::test {

namespace {

// The newest /usr/lib/postgresql/N/bin holding initdb, unless STRATA_PG_BINDIR names one.
QString findBinDir()
{
    const QString forced = qEnvironmentVariable("STRATA_PG_BINDIR");
    if (!forced.isEmpty())
        return forced;
    QDir root(QStringLiteral("/usr/lib/postgresql"));
    QString best;
    int bestVersion = -1;
    for (const QString &entry : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const int version = entry.toInt();
        if (version > bestVersion &&
            QFile::exists(root.filePath(entry + QStringLiteral("/bin/initdb")))) {
            bestVersion = version;
            best = root.filePath(entry + QStringLiteral("/bin"));
        }
    }
    return best;
}

// A loopback port nobody listens on right now.
int freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof(addr);
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&addr), sizeof(addr)) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port = ntohs(addr.sin_port);
    ::close(fd);
    return port;
}

} // namespace

bool PgServer::runAsServerUser(const QString &program, const QStringList &arguments,
                               QString *output) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (m_asRoot)
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), QStringLiteral("postgres"),
                                  QStringLiteral("--"), program} +
                          arguments);
    else
        process.start(program, arguments);
    const bool finished = process.waitForFinished(120000);
    if (output)
        *output = QString::fromLocal8Bit(process.readAll());
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

std::unique_ptr<PgServer> PgServer::start(QString *error)
{
    std::unique_ptr<PgServer> server(new PgServer);
    PgServer &s = *server;
    s.m_binDir = findBinDir();
    if (s.m_binDir.isEmpty()) {
        *error = QStringLiteral(
            "no PostgreSQL server binaries under /usr/lib/postgresql (install postgresql)");
        return nullptr;
    }
    if (!s.m_dir.isValid()) {
        *error = QStringLiteral("cannot create a temporary folder");
        return nullptr;
    }
    s.m_asRoot = ::geteuid() == 0;
    s.m_dataDir = s.m_dir.filePath(QStringLiteral("data"));
    s.m_socketDir = s.m_dir.filePath(QStringLiteral("socket"));
    QDir().mkpath(s.m_socketDir);
    if (s.m_asRoot) {
        const passwd *pw = ::getpwnam("postgres");
        if (!pw) {
            *error =
                QStringLiteral("running as root, but there is no postgres user to run the server");
            return nullptr;
        }
        for (const QString &path : {s.m_dir.path(), s.m_socketDir})
            if (::chown(QFile::encodeName(path).constData(), pw->pw_uid, pw->pw_gid) != 0) {
                *error = QStringLiteral("cannot hand %1 to the postgres user").arg(path);
                return nullptr;
            }
    }
    QString output;
    if (!s.runAsServerUser(s.m_binDir + QStringLiteral("/initdb"),
                           {QStringLiteral("--auth-local=trust"),
                            QStringLiteral("--auth-host=scram-sha-256"), QStringLiteral("-U"),
                            QStringLiteral("postgres"), QStringLiteral("-E"),
                            QStringLiteral("UTF8"), QStringLiteral("--no-sync"),
                            QStringLiteral("-D"), s.m_dataDir},
                           &output)) {
        *error = QStringLiteral("initdb failed: %1").arg(output.trimmed());
        return nullptr;
    }
    for (int attempt = 0; attempt < 5 && !s.m_running; ++attempt) {
        s.m_port = freePort();
        s.m_running = s.pgCtlStart(&output);
    }
    if (!s.m_running) {
        QFile log(s.m_dir.filePath(QStringLiteral("server.log")));
        log.open(QIODevice::ReadOnly);
        *error = QStringLiteral("pg_ctl start failed: %1 %2")
                     .arg(output.trimmed(), QString::fromLocal8Bit(log.readAll()));
        return nullptr;
    }
    return server;
}

bool PgServer::pgCtlStart(QString *output)
{
    const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off")
                                .arg(m_port)
                                .arg(m_socketDir);
    return runAsServerUser(m_binDir + QStringLiteral("/pg_ctl"),
                           {QStringLiteral("-D"), m_dataDir, QStringLiteral("-w"),
                            QStringLiteral("-t"), QStringLiteral("60"), QStringLiteral("-l"),
                            m_dir.filePath(QStringLiteral("server.log")), QStringLiteral("-o"),
                            options, QStringLiteral("start")},
                           output);
}

bool PgServer::stop(QString *output)
{
    if (!m_running)
        return true;
    m_running =
        !runAsServerUser(m_binDir + QStringLiteral("/pg_ctl"),
                         {QStringLiteral("-D"), m_dataDir, QStringLiteral("-w"),
                          QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("stop")},
                         output);
    return !m_running;
}

bool PgServer::startAgain(QString *output)
{
    if (!m_running)
        m_running = pgCtlStart(output);
    return m_running;
}

PgServer::~PgServer()
{
    if (m_running)
        runAsServerUser(m_binDir + QStringLiteral("/pg_ctl"),
                        {QStringLiteral("-D"), m_dataDir, QStringLiteral("-w"),
                         QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("stop")},
                        nullptr);
}

QString PgServer::conninfo(const QString &database) const
{
    return QStringLiteral("host=%1 port=%2 user=postgres dbname=%3")
        .arg(m_socketDir)
        .arg(m_port)
        .arg(database);
}

bool PgServer::psql(const QString &sql, QString *output, const QString &database) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QFile::exists(m_binDir + QStringLiteral("/psql"))
                      ? m_binDir + QStringLiteral("/psql")
                      : QStringLiteral("psql"),
                  {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"),
                   QStringLiteral("-t"), QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"),
                   QStringLiteral("-d"), conninfo(database), QStringLiteral("-c"), sql});
    const bool finished = process.waitForFinished(60000);
    if (output)
        *output = QString::fromLocal8Bit(process.readAll()).trimmed();
    return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

} // namespace strata::test
