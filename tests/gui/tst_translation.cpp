// The German translation: built into the app, loaded by locale, and applied to the window.

#include "mainwindow.h"

#include <QAction>
#include <QLocale>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

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
        QCOMPARE(file->text(), QStringLiteral("Auf Heads &aktualisieren"));
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
};

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
