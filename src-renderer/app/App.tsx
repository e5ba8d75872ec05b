import { CardsScreen } from '../cards/CardsScreen';
import { BulkScreen } from '../bulk/BulkScreen';
import { BuyScreen } from '../credits/BuyScreen';
import { OutboxScreen } from '../mail/OutboxScreen';
import { Toasts } from '../mail/Toasts';
import { StatementScreen } from '../statements/StatementScreen';
import { CompanyScreen } from '../settings/CompanyScreen';
import { MailboxScreen } from '../settings/MailboxScreen';
import { PropertiesScreen } from '../settings/PropertiesScreen';
import { TemplatesScreen } from '../settings/TemplatesScreen';
import { VouchersScreen } from '../vouchers/VouchersScreen';
import { LoginScreen } from '../users/LoginScreen';
import { MailReportScreen } from '../mail-report/MailReportScreen';
import { UsersScreen } from '../users/UsersScreen';
import { ConfirmHost } from '../common/ConfirmHost';
import { BackupsScreen } from '../book/BackupsScreen';
import { DamagedBookScreen } from '../book/DamagedBookScreen';
import { BookLocationScreen } from '../book/BookLocationScreen';
import { OfficeProblemScreen } from '../book/OfficeProblemScreen';
import { FirstStartScreen } from '../book/FirstStartScreen';
import { useApp } from './app.store';
import { Nav } from './Nav';
import { BookNotice } from './BookNotice';
import { MovedRecordNotice } from './MovedRecordNotice';
import { StatusBar } from './StatusBar';

export function App() {
  const route = useApp((s) => s.route);
  const user = useApp((s) => s.user);
  const damaged = useApp((s) => s.info?.damaged ?? null);
  const officeProblem = useApp((s) => s.info?.officeProblem ?? null);
  const firstStart = useApp((s) => s.info?.firstStart ?? false);
  if (damaged) return <DamagedBookScreen />;
  if (officeProblem) return <OfficeProblemScreen />;
  if (!user) return <LoginScreen />;
  if (firstStart) return <FirstStartScreen />;
  return (
    <div className="shell">
      <Nav />
      <main className="content">
        <MovedRecordNotice />
        <BookNotice />
        {route.screen === 'cards' && <CardsScreen key={route.kind} kind={route.kind} />}
        {route.screen === 'vouchers' && <VouchersScreen key={route.type} type={route.type} />}
        {route.screen === 'statement' && (
          <StatementScreen
            key={`${route.which} ${JSON.stringify(route.show ?? null)}`}
            which={route.which}
            show={route.show}
          />
        )}
        {route.screen === 'buy' && <BuyScreen />}
        {route.screen === 'outbox' && <OutboxScreen key={route.status ?? 'all'} initialStatus={route.status} />}
        {route.screen === 'bulk' && <BulkScreen />}
        {route.screen === 'users' && <UsersScreen />}
        {route.screen === 'mailReport' && <MailReportScreen />}
        {route.screen === 'company' && <CompanyScreen />}
        {route.screen === 'mailbox' && <MailboxScreen />}
        {route.screen === 'templates' && <TemplatesScreen />}
        {route.screen === 'properties' && <PropertiesScreen />}
        {route.screen === 'backups' && <BackupsScreen />}
        {route.screen === 'book' && <BookLocationScreen />}
      </main>
      <StatusBar />
      <Toasts />
      <ConfirmHost />
    </div>
  );
}
