// The German translation: built into the app, loaded by locale, and applied to the window.

#include "jobs/migrationworker.h"
#include "mainwindow.h"
#include "profiles/environmentname.h"
#include "profiles/profile.h"
#include "settings/translations.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QWizard>

using namespace strata;
using namespace strata::gui;

class TestTranslation : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("STRATA_CONFIG_DIR", m_home.filePath(QStringLiteral("config")).toUtf8());
        qputenv("STRATA_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.jsonl")).toUtf8());
        qputenv("STRATA_NO_KEYCHAIN", "1"); // never the desktop's keychain from a test
        qputenv("STRATA_LOG_DIR", m_home.filePath(QStringLiteral("logs")).toUtf8());
        qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("xdg-config")).toUtf8());
    }

    void germanIsEmbeddedAndApplied()
    {
        QTranslator german;
        QVERIFY(german.load(QLocale(QStringLiteral("de_DE")), QStringLiteral("strata"),
                            QStringLiteral("_"), QStringLiteral(":/i18n")));
        QVERIFY(QCoreApplication::installTranslator(&german));
        strata::gui::MainWindow w;
        auto *file = w.findChild<QAction *>(QStringLiteral("actionUpgradeHeads"));
        QVERIFY(file);
        QCOMPARE(file->text(), QStringLiteral("&Upgrade auf Heads"));
        QStringList menus;
        for (QAction *a : w.menuBar()->actions())
            menus << a->text();
        QCOMPARE(menus.first(), QStringLiteral("&Datei"));
        auto *welcome = w.findChild<QWidget *>(QStringLiteral("welcomeLabel"));
        QVERIFY(welcome->property("text").toString().contains(QStringLiteral("Willkommen")));
        QCoreApplication::removeTranslator(&german);
    }

    void pluralFormsFollowTheCount()
    {
        QTranslator german;
        QVERIFY(german.load(QStringLiteral(":/i18n/strata_de.qm")));
        const char *context = "strata::gui::ProfilesController";
        const char *source = "%n profile(s) exported, without passwords.";
        QCOMPARE(german.translate(context, source, nullptr, 1),
                 QStringLiteral("%n Profil exportiert, ohne Passwörter."));
        QCOMPARE(german.translate(context, source, nullptr, 3),
                 QStringLiteral("%n Profile exportiert, ohne Passwörter."));
    }

    // Qt's own buttons come from Qt's translations (qtbase_de.qm), installed beside Strata's.
    void qtsOwnButtonsSpeakGermanToo()
    {
        QObject owner;
        const InstalledTranslations installed = installTranslations(QStringLiteral("de"), &owner);
        QVERIFY2(installed.strata.endsWith(QStringLiteral("strata_de.qm")),
                 qPrintable(installed.strata));
        QVERIFY2(installed.qt.endsWith(QStringLiteral("qtbase_de.qm")),
                 "qtbase_de.qm not found: Debian's qt6-translations-l10n is missing");
        QDialogButtonBox box(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
        QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Abbrechen"));
        QCOMPARE(box.button(QDialogButtonBox::Save)->text(), QStringLiteral("Speichern"));
        QWizard wizard;
        wizard.addPage(new QWizardPage);
        wizard.addPage(new QWizardPage);
        QVERIFY2(wizard.buttonText(QWizard::NextButton).contains(QStringLiteral("Weiter")),
                 qPrintable(wizard.buttonText(QWizard::NextButton)));
        QVERIFY2(wizard.buttonText(QWizard::BackButton).contains(QStringLiteral("Zurück")),
                 qPrintable(wizard.buttonText(QWizard::BackButton)));
        QCOMPARE(environmentName(QStringLiteral("Production")), QStringLiteral("Produktion"));
        QCOMPARE(environmentName(QStringLiteral("Development")), QStringLiteral("Entwicklung"));
        QCOMPARE(environmentName(QStringLiteral("QA")), QStringLiteral("QA")); // custom: as typed
        // A German name typed or chosen is stored as the standard environment it names.
        QCOMPARE(environmentFromName(QStringLiteral("Produktion")), QStringLiteral("Production"));
        QCOMPARE(environmentFromName(QStringLiteral(" QA ")), QStringLiteral("QA"));
        QCOMPARE(
            Profile::forEnvironment(environmentFromName(QStringLiteral("Produktion"))).isProtected,
            true);
        // Activity lines are the app's language too.
        QCOMPARE(MigrationWorker::tr("%1: backing up %2")
                     .arg(QStringLiteral("prod"), QStringLiteral("shop")),
                 QStringLiteral("prod: shop wird gesichert"));
        QCOMPARE(MigrationWorker::tr("%1 on %2 finished: %n step(s) in %3 ms; now %4", nullptr, 11)
                     .arg(QStringLiteral("Upgrade auf heads"), QStringLiteral("prod"))
                     .arg(12)
                     .arg(QStringLiteral("auf be0a3c5f7b11")),
                 QStringLiteral("Upgrade auf heads auf prod beendet: 11 Schritte in 12 ms; jetzt "
                                "auf be0a3c5f7b11"));
        for (QTranslator *t : owner.findChildren<QTranslator *>())
            QCoreApplication::removeTranslator(t);
    }

    // Without a German choice, the English plural forms are loaded: "11 steps", not "step(s)".
    void englishPluralsWithoutAChoice()
    {
        QObject owner;
        const InstalledTranslations installed = installTranslations(QStringLiteral("en"), &owner);
        QVERIFY(installed.strata.endsWith(QStringLiteral("strata_en.qm")));
        QCOMPARE(MigrationWorker::tr("%1 on %2 finished: %n step(s) in %3 ms; now %4", nullptr, 1)
                     .arg(QStringLiteral("Upgrade to heads"), QStringLiteral("prod"))
                     .arg(5)
                     .arg(QStringLiteral("at a1")),
                 QStringLiteral("Upgrade to heads on prod finished: 1 step in 5 ms; now at a1"));
        for (QTranslator *t : owner.findChildren<QTranslator *>())
            QCoreApplication::removeTranslator(t);
    }
};

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
