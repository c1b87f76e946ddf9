#include "schema/scratchdatabase.h"

#include "connection/driverfactory.h"

#include <QCoreApplication>
#include <QRandomGenerator>

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
    if (server.engine != ConnectionInfo::Engine::Postgres)
        return Error::failure(QStringLiteral("schema diff works on PostgreSQL; SQLite follows"))
            .with(Error::Code::Refused);
    static std::atomic<int> counter{0};
    const QString name =
        QStringLiteral("strata_%1_%2_%3_%4")
            .arg(purpose.left(16))
            .arg(QCoreApplication::applicationPid())
            .arg(++counter)
            .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
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
    auto driver = createDriver(info);
    if (!driver)
        return driver.error();
    scratch->m_driver = std::move(driver).value();
    scratch->m_driver->setConnectTimeout(connectTimeoutSeconds);
    if (auto s = scratch->m_driver->open(); !s)
        return s.error();
    return scratch;
}

ScratchDatabase::~ScratchDatabase()
{
    (void)drop();
}

QString ScratchDatabase::display() const
{
    return QStringLiteral("%1 (on the server of %2)").arg(m_name, m_serverDisplay);
}

Status ScratchDatabase::drop()
{
    if (m_dropped)
        return {};
    m_dropped = true;
    if (m_driver)
        m_driver->close();
    return m_server->dropScratchDatabase(m_name);
}

} // namespace strata::schema
