#include "authoring/sqllexer.h"

#include <QColor>
#include <QFont>
#include <QFontDatabase>

namespace strata::gui {

namespace {

// PostgreSQL's keywords and the type names migrations use most, lower case as QScintilla's SQL
// lexer matches them.
const char kKeywords[] =
    "abort absolute access action add admin after aggregate all also alter always analyse "
    "analyze and any array as asc assertion assignment asymmetric at attach attribute "
    "authorization backward before begin between bigint bigserial binary bit boolean both by "
    "bytea cache call called cascade cascaded case cast catalog chain char character "
    "characteristics check checkpoint class close cluster coalesce collate collation column "
    "columns comment comments commit committed concurrently configuration conflict connection "
    "constraint constraints content continue conversion copy cost create cross csv cube current "
    "current_date current_role current_schema current_time current_timestamp current_user "
    "cursor cycle data database date day deallocate dec decimal declare default defaults "
    "deferrable deferred definer delete delimiter delimiters depends desc detach dictionary "
    "disable discard distinct do document domain double drop each else enable encoding "
    "encrypted end enum escape event except exclude excluding exclusive execute exists explain "
    "expression extension external extract false family fetch filter first float following for "
    "force foreign forward freeze from full function functions generated global grant granted "
    "greatest group grouping groups handler having header hold hour identity if ilike immediate "
    "immutable implicit import in include including increment index indexes inherit inherits "
    "initially inline inner inout input insensitive insert instead int integer intersect "
    "interval into invoker is isnull isolation join json jsonb key label language large last "
    "lateral leading leakproof least left level like limit listen load local localtime "
    "localtimestamp location lock locked logged mapping match materialized maxvalue method "
    "minute minvalue mode month move name names national natural nchar new next no none not "
    "nothing notify notnull nowait null nullif nulls numeric object of off offset oids old on "
    "only operator option options or order ordinality others out outer over overlaps overlay "
    "overriding owned owner parallel parser partial partition passing password placing plans "
    "policy position preceding precision prepare prepared preserve primary prior privileges "
    "procedural procedure procedures program publication quote range read real reassign recheck "
    "recursive ref references referencing refresh reindex relative release rename repeatable "
    "replace replica reset restart restrict return returning returns revoke right role rollback "
    "rollup routine routines row rows rule savepoint schema schemas scroll search second "
    "security select sequence sequences serial serializable server session session_user set "
    "setof sets share show similar simple skip smallint snapshot some sql stable standalone "
    "start statement statistics stdin stdout storage stored strict strip subscription substring "
    "support symmetric sysid system table tables tablesample tablespace temp template temporary "
    "text then ties time timestamp timestamptz to trailing transaction transform treat trigger "
    "trim true truncate trusted type types uescape unbounded uncommitted unencrypted union "
    "unique unknown unlisten unlogged until update user using uuid vacuum valid validate "
    "validator value values varchar variadic varying verbose version view views volatile when "
    "where whitespace window with within without work wrapper write xml year yes zone";

} // namespace

SqlLexer::SqlLexer(QObject *parent) : QsciLexerSQL(parent)
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    setDefaultFont(mono);
    setFont(mono);
    setFoldComments(true);
    setFoldCompact(false);
    // A calm light scheme: keywords blue, strings green, comments grey, numbers brown, the
    // schema's names teal.
    setColor(QColor(0x1f, 0x4e, 0xa8), Keyword);
    setColor(QColor(0x00, 0x7a, 0x78), KeywordSet5);
    setColor(QColor(0x2e, 0x7d, 0x32), SingleQuotedString);
    setColor(QColor(0x2e, 0x7d, 0x32), DoubleQuotedString);
    setColor(QColor(0x75, 0x75, 0x75), Comment);
    setColor(QColor(0x75, 0x75, 0x75), CommentLine);
    setColor(QColor(0x8d, 0x5a, 0x00), Number);
    QFont bold = mono;
    bold.setBold(true);
    setFont(bold, Keyword);
}

const QStringList &SqlLexer::sqlKeywords()
{
    static const QStringList words =
        QString::fromLatin1(kKeywords).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return words;
}

const char *SqlLexer::keywords(int set) const
{
    if (set == 1)
        return kKeywords;
    if (set == 5) // KeywordSet5: the database's own names
        return m_objectNames.constData();
    return QsciLexerSQL::keywords(set);
}

QStringList SqlLexer::autoCompletionWordSeparators() const
{
    return {QStringLiteral(".")};
}

void SqlLexer::setObjectNames(const QStringList &names)
{
    m_objectNames = names.join(QLatin1Char(' ')).toLower().toUtf8();
    // The editor re-reads keyword sets when its lexer is set again (SqlEditor does that).
}

} // namespace strata::gui
