// The in-memory persistence against the shared contract.
import { MemoryPersistence } from '@carnet/store';
import { persistenceContract } from './persistence-contract.ts';

persistenceContract(
  'memory',
  async () => {
    const persistence = new MemoryPersistence();
    await persistence.open();
    return {
      persistence,
      injectFailure: (error) => {
        persistence.failNextCommit = error;
      },
    };
  }
);
