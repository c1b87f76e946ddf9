#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace strata::gui {

// Where passwords a person chose to remember are kept, never in Strata's own files. Every call
// answers later with a signal, so the GUI thread never waits on a keychain daemon.
class PasswordVault : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void read(const QString &profile) = 0;
    virtual void write(const QString &profile, const QString &password) = 0;
    virtual void remove(const QString &profile) = 0;

Q_SIGNALS:
    void found(QString profile, QString password);
    // No password stored for the profile, or no keychain to ask: why, for the status bar.
    void missing(QString profile, QString why);
    void written(QString profile, bool ok, QString message);
};

// The system keychain (Secret Service, KWallet) through QtKeychain, under the service
// "strata" with the profile's name as the key.
class KeychainVault : public PasswordVault
{
    Q_OBJECT

public:
    using PasswordVault::PasswordVault;

    void read(const QString &profile) override;
    void write(const QString &profile, const QString &password) override;
    void remove(const QString &profile) override;
};

// A vault in memory, for tests and for machines where no keychain should be touched.
class MemoryVault : public PasswordVault
{
    Q_OBJECT

public:
    using PasswordVault::PasswordVault;

    void read(const QString &profile) override;
    void write(const QString &profile, const QString &password) override;
    void remove(const QString &profile) override;

    QHash<QString, QString> passwords;
    int reads = 0;
};

} // namespace strata::gui
