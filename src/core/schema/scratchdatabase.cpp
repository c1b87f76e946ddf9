#include "schema/scratchdatabase.h"

#include "connection/driverfactory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <atomic>

namespace strata::schema {

namespace {

// Why no scratch database could be made, and only the advice that fits: a server that cannot
// be reached is named with its connection error; the CREATEDB advice is for a role the server
// refused (SQLSTATE 42501).
Error scratchRefused(Error e, const ConnectionInfo &server, const QString &name)
{
    const bool fromDevUrl = server.source == QLatin1String("dev_url");
    const QString which = fromDevUrl ? QStringLiteral("the dev server (--dev-url or dev_url)")
                                     : QStringLiteral("the configured database's server");
    switch (e.code) {
    case Error::Code::ConnectionFailed:
    case Error::Code::ConnectionLost:
    case Error::Code::AuthenticationFailed:
    case Error::Code::DatabaseMissing:
        // The connection error itself: no database was being created yet.
        if (const QString creating =
                QStringLiteral("cannot create the scratch database %1: ").arg(name);
            e.message.startsWith(creating))
            e.message.remove(0, creating.size());
        e.message = QStringLiteral("cannot connect to %1 to make a scratch database there: %2")
                        .arg(which, e.message);
        e.details.append(
            fromDevUrl ? QStringLiteral("schema diff builds its sides in scratch databases on the "
                                        "server --dev-url (dev_url in strata.ini) names: check "
                                        "its host, port and credentials")
                       : QStringLiteral("schema diff builds its sides in scratch databases on the "
                                        "configured database's server, or on the server --dev-url "
                                        "URL (dev_url in strata.ini) names"));
        return e;
    default:
        break;
    }
    if (e.sqlState == QLatin1String("42501"))
        e.details.append(
            QStringLiteral(
                "schema diff builds its sides in scratch databases: the role needs CREATEDB on %1, "
                "or --dev-url URL (dev_url in strata.ini) names a server where it has it")
                .arg(server.display));
    return e;
}

} // namespace

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(const ConnectionInfo &server,
                                                                 const QString &purpose,
                                                                 int connectTimeoutSeconds)
{
    static std::atomic<int> counter{0};
    const QString name =
        QStringLiteral("strata_%1_%2_%3_%4")
            .arg(purpose.left(16))
            .arg(QCoreApplication::applicationPid())
            .arg(++counter)
            .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
    if (server.engine == ConnectionInfo::Engine::Sqlite)
        return createSqlite(name, connectTimeoutSeconds);
    auto serverDriver = createDriver(server);
    if (!serverDriver)
        return serverDriver.error();
    std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase);
    scratch->m_server = std::move(serverDriver).value();
    scratch->m_server->setConnectTimeout(connectTimeoutSeconds);
    scratch->m_serverDisplay = server.display;
    auto url = scratch->m_server->createScratchDatabase(name);
    if (!url) {
        scratch->m_dropped = true; // nothing was created
        return scratchRefused(url.error(), server, name);
    }
    scratch->m_name = name;
    scratch->m_url = *url;
    // From here on the destructor drops it, also when opening fails.
    ConnectionInfo info = server;
    info.postgresConninfo = *url;
    info.display = scratch->display();
    if (auto s = scratch->openDriver(info, connectTimeoutSeconds); !s)
        return s.error();
    return scratch;
}

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::createSqlite(const QString &name,
                                                                       int connectTimeoutSeconds)
{
    // mkdtemp(3): a new folder only its owner may enter, so no other user reads the schema or
    // the seeded rows, nor swaps the file under us.
    QTemporaryDir folder(QDir(QDir::tempPath()).filePath(QStringLiteral("strata-scratch-XXXXXX")));
    if (!folder.isValid())
        return Error::failure(
            QStringLiteral("cannot make a private folder for the scratch database in %1: %2")
                .arg(QDir::tempPath(), folder.errorString()));
    folder.setAutoRemove(false); // drop() removes it from now on
    std::unique_ptr<ScratchDatabase> scratch(new ScratchDatabase);
    scratch->m_sqliteFolder = folder.path();
    QFile::setPermissions(folder.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    scratch->m_name = name;
    ConnectionInfo info;
    info.engine = ConnectionInfo::Engine::Sqlite;
    info.sqlitePath = QDir(folder.path()).filePath(name + QStringLiteral(".db"));
    scratch->m_url = QStringLiteral("sqlite:///") + info.sqlitePath; // sqlite:////tmp/...
    scratch->m_serverDisplay = info.sqlitePath;
    info.display = scratch->display();
    if (auto s = scratch->openDriver(info, connectTimeoutSeconds); !s)
        return s.error();
    return scratch;
}

Status ScratchDatabase::openDriver(const ConnectionInfo &info, int connectTimeoutSeconds)
{
    auto driver = createDriver(info);
    if (!driver)
        return driver.error();
    m_driver = std::move(driver).value();
    m_driver->setConnectTimeout(connectTimeoutSeconds);
    return m_driver->open();
}

ScratchDatabase::~ScratchDatabase()
{
    (void)drop();
}

QString ScratchDatabase::display() const
{
    if (!m_sqliteFolder.isEmpty())
        return QStringLiteral("%1 (a temporary SQLite file)").arg(m_serverDisplay);
    return QStringLiteral("%1 (on the server of %2)").arg(m_name, m_serverDisplay);
}

Status ScratchDatabase::drop()
{
    if (m_dropped)
        return {};
    m_dropped = true;
    if (m_driver)
        m_driver->close();
    if (!m_sqliteFolder.isEmpty()) {
        if (!QDir(m_sqliteFolder).removeRecursively())
            return Error::failure(QStringLiteral("cannot remove the scratch database's folder %1")
                                      .arg(m_sqliteFolder));
        return {};
    }
    return m_server->dropScratchDatabase(m_name);
}

} // namespace strata::schema
