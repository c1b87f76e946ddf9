#include "schema/scratchdatabase.h"

#include "connection/driverfactory.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <atomic>

namespace strata::schema {

Result<std::unique_ptr<ScratchDatabase>> ScratchDatabase::create(const ConnectionInfo &server,
                                                                 const QString &purpose,
                                                                 int connectTimeoutSeconds)
{
    if (server.engine != ConnectionInfo::Engine::Postgres)
        return Error::usage(QStringLiteral("schema diff works on PostgreSQL; SQLite follows"));
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
        Error e = url.error();
        e.details.append(
            QStringLiteral(
                "schema diff builds its sides in scratch databases: the role needs CREATEDB on %1, "
                "or --dev-url URL (dev_url in strata.ini) names a server where it has it")
                .arg(server.display));
        return e;
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
