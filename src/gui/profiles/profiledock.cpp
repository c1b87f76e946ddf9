#include "profiles/profiledock.h"

#include "profiles/environmentname.h"

#include <QHeaderView>
#include <QPainter>
#include <QPixmap>
#include <QStyle>
#include <QTreeWidget>

#include <algorithm>

namespace strata::gui {

namespace {

constexpr int NameRole = Qt::UserRole + 1;
constexpr int BadgeRole = Qt::UserRole + 2;       // the badge's text without the time
constexpr int CheckedRole = Qt::UserRole + 3;     // the time it was checked, as shown
constexpr int DetailRole = Qt::UserRole + 4;      // the badge's tooltip (why, when last read)
constexpr int JobRole = Qt::UserRole + 5;         // what the profile's job does; empty: idle
constexpr int JobBadgeRole = Qt::UserRole + 6;    // the same, short, for the State column
constexpr int DriftRole = Qt::UserRole + 7;       // ProfileDock::Drift, as an int
constexpr int DriftDetailRole = Qt::UserRole + 8; // the drift lines of the tooltip

// The profile's colour (a square when protected, a circle otherwise) and, for a protected
// profile, a padlock beside it: the colour alone says little to a colour-blind eye.
QIcon swatch(const QString &colour, bool isProtected)
{
    QPixmap pixmap(ProfileDock::iconSize());
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(QColor(colour));
    painter.setPen(QColor(colour).darker(130));
    if (isProtected)
        painter.drawRect(1, 1, 13, 13);
    else
        painter.drawEllipse(1, 1, 13, 13);
    if (isProtected) {
        const QColor ink(0x37, 0x47, 0x4f);
        painter.setPen(QPen(ink, 1.6));
        painter.setBrush(Qt::NoBrush);
        painter.drawArc(QRectF(19.5, 1.5, 7, 8), 0, 180 * 16); // the shackle
        painter.drawLine(QPointF(19.5, 5.5), QPointF(19.5, 7.5));
        painter.drawLine(QPointF(26.5, 5.5), QPointF(26.5, 7.5));
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink);
        painter.drawRoundedRect(QRectF(17.5, 7, 11, 8), 1.5, 1.5); // the body
        painter.setBrush(Qt::white);
        painter.drawEllipse(QPointF(23, 10.5), 1.2, 1.2); // the keyhole
    }
    return QIcon(pixmap);
}

QColor badgeColour(ProfileDock::Badge badge)
{
    switch (badge) {
    case ProfileDock::Badge::UpToDate:
        return QColor(0x2e, 0x7d, 0x32);
    case ProfileDock::Badge::Pending:
        return QColor(0x15, 0x65, 0xc0);
    case ProfileDock::Badge::Edited:
    case ProfileDock::Badge::Unreachable:
    case ProfileDock::Badge::ProjectMissing:
    case ProfileDock::Badge::ProjectError:
        return QColor(0xc6, 0x28, 0x28);
    case ProfileDock::Badge::Unknown:
    case ProfileDock::Badge::Checking:
        break;
    }
    return QColor(0x75, 0x75, 0x75);
}

} // namespace

ProfileDock::ProfileDock(QWidget *parent) : QDockWidget(tr("Profiles"), parent)
{
    setObjectName(QStringLiteral("profileDock"));
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("profileTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Profile"), tr("State")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setRootIsDecorated(false);
    m_tree->setIconSize(iconSize());
    m_tree->setContextMenuPolicy(Qt::ActionsContextMenu);
    setWidget(m_tree);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item && !item->data(0, NameRole).toString().isEmpty())
            Q_EMIT profileSelected(item->data(0, NameRole).toString());
    });
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem *item) {
        if (item && !item->data(0, NameRole).toString().isEmpty())
            Q_EMIT editRequested(item->data(0, NameRole).toString());
    });
}

void ProfileDock::setProfiles(const QList<Profile> &profiles)
{
    const QString keep = selected();
    QHash<QString, QTreeWidgetItem *> badges; // copies of the old items' badge columns
    for (const Profile &p : profiles) {
        if (QTreeWidgetItem *old = itemFor(p.name))
            badges.insert(p.name, old->clone());
    }
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    QStringList environments = standardEnvironments();
    QStringList custom;
    for (const Profile &p : profiles) {
        if (!environments.contains(p.environment) && !custom.contains(p.environment))
            custom.append(p.environment);
    }
    custom.sort(Qt::CaseInsensitive);
    environments += custom;
    for (const QString &environment : std::as_const(environments)) {
        QList<Profile> members;
        for (const Profile &p : profiles) {
            if (p.environment == environment)
                members.append(p);
        }
        if (members.isEmpty())
            continue;
        auto *group = new QTreeWidgetItem(m_tree, {environmentName(environment)});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
        for (const Profile &p : std::as_const(members)) {
            auto *item = new QTreeWidgetItem(group, {p.name, tr("unknown")});
            item->setData(0, NameRole, p.name);
            item->setIcon(0, swatch(p.colour, p.isProtected));
            item->setData(0, ProtectedRole, p.isProtected);
            if (p.isProtected)
                item->setData(0, Qt::AccessibleDescriptionRole, tr("protected"));
            item->setToolTip(0, tr("%1\n%2%3")
                                    .arg(p.name, p.displayTarget(),
                                         p.isProtected ? tr("\nProtected") : QString()));
            item->setForeground(1, badgeColour(Badge::Unknown));
            item->setData(1, BadgeRole, item->text(1));
            if (const QTreeWidgetItem *old = badges.value(p.name)) {
                item->setText(1, old->text(1));
                item->setForeground(1, old->foreground(1));
                item->setToolTip(1, old->toolTip(1));
                item->setData(1, BadgeRole, old->data(1, BadgeRole));
                item->setData(1, CheckedRole, old->data(1, CheckedRole));
                item->setData(1, DetailRole, old->data(1, DetailRole));
                item->setData(1, JobRole, old->data(1, JobRole));
                item->setData(1, JobBadgeRole, old->data(1, JobBadgeRole));
                item->setData(1, DriftRole, old->data(1, DriftRole));
                item->setData(1, DriftDetailRole, old->data(1, DriftDetailRole));
                showState(item);
            }
        }
        group->setExpanded(true);
    }
    qDeleteAll(badges);
    if (!keep.isEmpty())
        select(keep);
    // Wide enough for every name whole beside its badge (up to a third of a 1024-pixel screen
    // and a little more): the window gives the dock this much before it shrinks.
    int name = 0;
    for (const Profile &p : profiles)
        name = std::max(name, m_tree->fontMetrics().horizontalAdvance(p.name));
    int badge = 0;
    for (Badge b : {Badge::Unknown, Badge::Checking, Badge::UpToDate, Badge::Pending, Badge::Edited,
                    Badge::Unreachable, Badge::ProjectMissing, Badge::ProjectError})
        badge = std::max(badge, m_tree->fontMetrics().horizontalAdvance(
                                    tr("%1 · %2").arg(badgeText(b, 88), tr("drift"))) +
                                    32);
    const int needed = name + iconSize().width() + m_tree->indentation() + 16 + badge +
                       m_tree->frameWidth() * 2 + 4;
    m_tree->setMinimumWidth(std::clamp(needed, 200, 380));
}

QTreeWidgetItem *ProfileDock::itemFor(const QString &profile) const
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->data(0, NameRole).toString() == profile)
                return group->child(i);
        }
    }
    return nullptr;
}

QString ProfileDock::badgeText(Badge badge, int pendingCount)
{
    switch (badge) {
    case Badge::Unknown:
        return tr("unknown");
    case Badge::Checking:
        return tr("checking…");
    case Badge::UpToDate:
        return tr("up to date");
    case Badge::Pending:
        return tr("%n pending", nullptr, pendingCount);
    case Badge::Edited:
        return tr("edited migrations");
    case Badge::Unreachable:
        return tr("unknown");
    case Badge::ProjectMissing:
        return tr("project missing");
    case Badge::ProjectError:
        return tr("project error");
    }
    return {};
}

void ProfileDock::setBadge(const QString &profile, Badge badge, int pendingCount,
                           const QString &detail, const QDateTime &checkedAt)
{
    QTreeWidgetItem *item = itemFor(profile);
    if (!item)
        return;
    const QString text = badgeText(badge, pendingCount);
    // A badge still being checked keeps the time of the last check.
    const QString checked = checkedAt.isValid()
                                ? checkedAt.toLocalTime().toString(QStringLiteral("HH:mm"))
                            : badge == Badge::Checking ? item->data(1, CheckedRole).toString()
                                                       : QString();
    item->setData(1, BadgeRole, text);
    item->setData(1, CheckedRole, checked);
    item->setForeground(1, badgeColour(badge));
    if (badge != Badge::Checking || !detail.isEmpty())
        item->setData(1, DetailRole, detail);
    showState(item);
}

void ProfileDock::setJob(const QString &profile, const QString &job, const QString &badge)
{
    if (QTreeWidgetItem *item = itemFor(profile)) {
        item->setData(1, JobRole, job);
        item->setData(1, JobBadgeRole, badge.isEmpty() ? job : badge);
        showState(item);
    }
}

QString ProfileDock::jobText(const QString &profile) const
{
    const QTreeWidgetItem *item = itemFor(profile);
    return item ? item->data(1, JobRole).toString() : QString();
}

void ProfileDock::setDrift(const QString &profile, Drift drift, const QString &detail)
{
    if (QTreeWidgetItem *item = itemFor(profile)) {
        item->setData(1, DriftRole, int(drift));
        item->setData(1, DriftDetailRole, detail);
        showState(item);
    }
}

QString ProfileDock::driftText(const QString &profile) const
{
    const QTreeWidgetItem *item = itemFor(profile);
    return item && Drift(item->data(1, DriftRole).toInt()) == Drift::Found ? tr("drift")
                                                                           : QString();
}

QString ProfileDock::driftDetail(const QString &profile) const
{
    const QTreeWidgetItem *item = itemFor(profile);
    return item ? item->data(1, DriftDetailRole).toString() : QString();
}

QString ProfileDock::stateToolTip(const QString &profile) const
{
    const QTreeWidgetItem *item = itemFor(profile);
    return item ? item->toolTip(1) : QString();
}

void ProfileDock::showState(QTreeWidgetItem *item)
{
    QString badge = item->data(1, BadgeRole).toString();
    const QString checked = item->data(1, CheckedRole).toString();
    QString detail = item->data(1, DetailRole).toString();
    const QString job = item->data(1, JobRole).toString();
    const bool drift = Drift(item->data(1, DriftRole).toInt()) == Drift::Found;
    if (const QString lines = item->data(1, DriftDetailRole).toString(); !lines.isEmpty())
        detail = detail.isEmpty() ? lines : detail + QLatin1Char('\n') + lines;
    if (drift)
        badge = tr("%1 · %2").arg(badge, tr("drift"));
    // A job of a profile that is not selected shows here, since its progress panel does not.
    if (job.isEmpty()) {
        item->setText(1, checked.isEmpty() ? badge : tr("%1 · %2").arg(badge, checked));
        item->setToolTip(1, detail);
        item->setIcon(1, drift ? m_tree->style()->standardIcon(QStyle::SP_MessageBoxWarning)
                               : QIcon());
    } else {
        item->setText(1, item->data(1, JobBadgeRole).toString());
        item->setToolTip(1, detail.isEmpty()
                                ? tr("Job: %1\nLast state: %2").arg(job, badge)
                                : tr("Job: %1\nLast state: %2\n%3").arg(job, badge, detail));
        item->setIcon(1, m_tree->style()->standardIcon(QStyle::SP_BrowserReload));
    }
}

QString ProfileDock::badgeText(const QString &profile) const
{
    const QTreeWidgetItem *item = itemFor(profile);
    return item ? item->data(1, BadgeRole).toString() : QString();
}

QString ProfileDock::checkedText(const QString &profile) const
{
    const QTreeWidgetItem *item = itemFor(profile);
    return item ? item->data(1, CheckedRole).toString() : QString();
}

void ProfileDock::select(const QString &profile)
{
    if (QTreeWidgetItem *item = itemFor(profile))
        m_tree->setCurrentItem(item);
}

QString ProfileDock::selected() const
{
    const QTreeWidgetItem *item = m_tree->currentItem();
    return item ? item->data(0, NameRole).toString() : QString();
}

} // namespace strata::gui
