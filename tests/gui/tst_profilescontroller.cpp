// The profiles as their own controller: saving, renaming and removing (never a password in the
// file), the session's passwords following a rename, and the password prompt opened with
// open() from a refused connection, so the refusal's handler returns at once.

#include "dialogs.h"
#include "files.h"
#include "profiles/passworddialog.h"
#include "profiles/passwordvault.h"
#include "profiles/profilescontroller.h"
#include "profiles/profilestore.h"

#include <QApplication>
#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>

using namespace strata;
using namespace strata::gui;

class TestProfilesController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    static Profile postgres(const QString &name)
    {
        Profile p = Profile::forEnvironment(QStringLiteral("Staging"));
        p.name = name;
        p.engine = Profile::Engine::Postgres;
        p.host = QStringLiteral("127.0.0.1");
        p.port = 1; // nothing listens: only the options are looked at
        p.database = QStringLiteral("shop");
        p.user = QStringLiteral("app");
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1");
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("xdg-data")).toUtf8());
        QCoreApplication::setApplicationName(QStringLiteral("strata-test"));
        QCoreApplication::setOrganizationName(QStringLiteral("Strata"));
    }

    void cleanup() { QFile::remove(ProfileStore::defaultFilePath()); }

    void saveRenameAndRemoveKeepPasswordsInTheSessionOnly()
    {
        QWidget window;
        ProfilesController profiles(&window);
        auto *vault = new MemoryVault;
        profiles.setPasswordVault(vault);
        QSignalSpy saved(&profiles, &ProfilesController::profileSaved);
        QSignalSpy removed(&profiles, &ProfilesController::profileRemoved);
        QSignalSpy passwords(&profiles, &ProfilesController::passwordChanged);

        QVERIFY(profiles.save(postgres(QStringLiteral("staging"))));
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().at(1).toString(), QString());
        profiles.setSessionPassword(QStringLiteral("staging"), QStringLiteral("s3cret-pw"));
        QCOMPARE(passwords.size(), 1);
        QVERIFY(profiles.optionsFor(*profiles.profile(QStringLiteral("staging")))
                    .url.contains(QStringLiteral("s3cret-pw")));
        QVERIFY(!test::readFile(ProfileStore::defaultFilePath()).contains("s3cret-pw"));

        // A rename carries the session's password; the keychain entry of the old name goes.
        vault->passwords.insert(QStringLiteral("staging"), QStringLiteral("s3cret-pw"));
        Profile renamed = postgres(QStringLiteral("staging-eu"));
        QVERIFY(profiles.save(renamed, QStringLiteral("staging")));
        QCOMPARE(saved.last().at(0).toString(), QStringLiteral("staging-eu"));
        QCOMPARE(saved.last().at(1).toString(), QStringLiteral("staging"));
        QVERIFY(!profiles.profile(QStringLiteral("staging")));
        QVERIFY(profiles.optionsFor(*profiles.profile(QStringLiteral("staging-eu")))
                    .url.contains(QStringLiteral("s3cret-pw")));
        QVERIFY(!vault->passwords.contains(QStringLiteral("staging")));
        QCOMPARE(ProfileStore(ProfileStore::defaultFilePath()).load()->size(), 1);

        QVERIFY(profiles.remove(QStringLiteral("staging-eu")));
        QCOMPARE(removed.size(), 1);
        QVERIFY(profiles.all().isEmpty());
        // Added again, it has no password from before.
        QVERIFY(profiles.save(renamed));
        QVERIFY(!profiles.optionsFor(*profiles.profile(QStringLiteral("staging-eu")))
                     .url.contains(QStringLiteral("s3cret-pw")));
    }

    void aRefusedPasswordAsksTheKeychainThenOpensThePrompt()
    {
        QWidget window;
        window.show();
        ProfilesController profiles(&window);
        auto *vault = new MemoryVault;
        profiles.setPasswordVault(vault);
        QVERIFY(profiles.save(postgres(QStringLiteral("prod"))));
        QSignalSpy passwords(&profiles, &ProfilesController::passwordChanged);

        // First the keychain, which has nothing.
        profiles.maybeAskPassword(QStringLiteral("prod"), QStringLiteral("password refused"),
                                  Error::Code::AuthenticationFailed);
        QTRY_COMPARE_WITH_TIMEOUT(vault->reads, 1, 20000);
        // The prompt is open while the handler has long returned (open(), not exec()).
        QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<PasswordDialog *>(QApplication::activeModalWidget()),
                                 20000);
        auto *dialog = qobject_cast<PasswordDialog *>(QApplication::activeModalWidget());
        QVERIFY(passwords.isEmpty());
        // Another refusal meanwhile opens no second prompt.
        profiles.maybeAskPassword(QStringLiteral("prod"), QStringLiteral("password refused"),
                                  Error::Code::AuthenticationFailed);
        QCOMPARE(window.findChildren<PasswordDialog *>().size(), 1);
        dialog->findChild<QLineEdit *>(QStringLiteral("passwordEdit"))
            ->setText(QStringLiteral("typed-pw"));
        dialog->findChild<QCheckBox *>(QStringLiteral("rememberCheck"))->setChecked(true);
        test::clickOk(dialog);
        QTRY_COMPARE_WITH_TIMEOUT(passwords.size(), 1, 20000);
        QVERIFY(profiles.optionsFor(*profiles.profile(QStringLiteral("prod")))
                    .url.contains(QStringLiteral("typed-pw")));
        QCOMPARE(vault->passwords.value(QStringLiteral("prod")), QStringLiteral("typed-pw"));
        QVERIFY(!test::readFile(ProfileStore::defaultFilePath()).contains("typed-pw"));

        // Other problems ask nothing.
        profiles.forgetRefusals();
        profiles.maybeAskPassword(QStringLiteral("prod"), QStringLiteral("no route"),
                                  Error::Code::ConnectionFailed);
        QTest::qWait(100);
        QCOMPARE(vault->reads, 1);
    }
};

QTEST_MAIN(TestProfilesController)
#include "tst_profilescontroller.moc"
