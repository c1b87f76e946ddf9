#include "profiles/passwordvault.h"

#include <qt6keychain/keychain.h>

#include <QTimer>

namespace strata::gui {

namespace {

const QString kService = QStringLiteral("strata");

// Jobs have no parent: a keychain backend may answer after the vault (or the window) is gone,
// and must find its job alive then. Each job deletes itself once finished (autoDelete); the
// connection to the vault goes with the vault.

} // namespace

void KeychainVault::read(const QString &profile)
{
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(profile);
    connect(job, &QKeychain::Job::finished, this, [this, job, profile] {
        if (job->error() == QKeychain::NoError)
            Q_EMIT found(profile, job->textData());
        else
            Q_EMIT missing(profile, job->errorString());
    });
    job->start();
}

void KeychainVault::write(const QString &profile, const QString &password)
{
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(profile);
    job->setTextData(password);
    connect(job, &QKeychain::Job::finished, this, [this, job, profile] {
        const bool ok = job->error() == QKeychain::NoError;
        Q_EMIT written(profile, ok, ok ? QString() : job->errorString());
    });
    job->start();
}

void KeychainVault::remove(const QString &profile)
{
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(profile);
    job->start(); // nothing stored is fine too
}

void MemoryVault::read(const QString &profile)
{
    ++reads;
    // Answered from the event loop, as the keychain answers.
    QTimer::singleShot(0, this, [this, profile] {
        if (passwords.contains(profile))
            Q_EMIT found(profile, passwords.value(profile));
        else
            Q_EMIT missing(profile, tr("no password stored"));
    });
}

void MemoryVault::write(const QString &profile, const QString &password)
{
    passwords.insert(profile, password);
    QTimer::singleShot(0, this, [this, profile] { Q_EMIT written(profile, true, {}); });
}

void MemoryVault::remove(const QString &profile)
{
    passwords.remove(profile);
}

} // namespace strata::gui
